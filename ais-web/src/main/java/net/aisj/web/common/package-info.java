/** Wire helpers shared by the transports: byte ranges, path and query decoding. */
package net.aisj.web.common;

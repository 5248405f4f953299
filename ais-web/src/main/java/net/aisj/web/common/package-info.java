/** Wire helpers shared by the transports: byte ranges, path decoding. */
package net.aisj.web.common;

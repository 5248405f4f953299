/** The HRW (rendezvous hashing) primitive shared by target and mountpath selection, bit-exact with AIStore. */
package net.aisj.connector.api.hrw;

/**
 * Erasure coding for AIS data protection in plain Java (no {@code jakarta.*}): a Reed-Solomon codec over GF(2^8)
 * ({@link net.aisj.connector.ec.ReedSolomon}) and the streaming layer that cuts an object into AIS's contiguous EC
 * slices and gets it back ({@link net.aisj.connector.ec.StripeEncoder}, {@link net.aisj.connector.ec.StripeDecoder}).
 *
 * <p>The codec is our own rather than a library: Maven Central has no small, maintained, Apache-licensed pure-Java
 * Reed-Solomon coder (Backblaze's JavaReedSolomon is MIT, unpublished and unmaintained; Hadoop's coders come with
 * hadoop-common and build a Cauchy matrix). Ours builds the matrix klauspost/reedsolomon builds by default (the
 * library AIS uses): field polynomial 0x11d, a Vandermonde matrix made systematic, so slices match AIS's byte for
 * byte. Coding is table-driven, one 256-byte product row per coefficient; decoding inverts the chosen rows by
 * Gauss-Jordan elimination.
 */
package net.aisj.connector.ec;

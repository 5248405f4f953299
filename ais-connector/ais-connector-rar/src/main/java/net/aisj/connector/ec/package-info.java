/**
 * Erasure coding for AIS data protection in plain Java (no {@code jakarta.*}): a Reed-Solomon codec over GF(2^8)
 * ({@link net.aisj.connector.ec.ReedSolomon}) and the streaming layer that cuts an object into AIS's contiguous EC
 * slices and gets it back ({@link net.aisj.connector.ec.StripeEncoder}, {@link net.aisj.connector.ec.StripeDecoder}).
 *
 * <p>The codec is our own rather than a library: Maven Central has no small, maintained, Apache-licensed pure-Java
 * Reed-Solomon coder (Backblaze's JavaReedSolomon is MIT, unpublished and unmaintained; Hadoop's coders come with
 * hadoop-common and build a Cauchy matrix). Ours builds the matrix klauspost/reedsolomon builds by default (the
 * library AIS uses): field polynomial 0x11d, a Vandermonde matrix made systematic, so slices match AIS's byte for
 * byte. Matrices use log/exp and product tables; decoding inverts the chosen rows by Gauss-Jordan elimination. The
 * data loop multiplies 8 bytes per long by repeated doubling, which the JIT vectorizes: about 3x the per-byte
 * table lookup (see {@code GfCoder} and ais-connector-bench/RESULTS.md).
 */
package net.aisj.connector.ec;

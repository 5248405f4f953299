/**
 * The backend layer: one {@link net.aisj.backend.Backend} interface every remote provider implements (S3 in
 * {@code backend.s3}, Azure in {@code backend.azure}, GCS in {@code backend.gcp}, HDFS in {@code backend.hdfs}, ...), its typed errors and the registry that picks the
 * provider of a bucket ({@link net.aisj.backend.Backends}). Knows no cache: that is {@code net.aisj.service.cache}'s.
 */
package net.aisj.backend;

/**
 * AWS Signature Version 4 for the S3 API: header and presigned-query authentication
 * ({@link net.aisj.web.s3.auth.SigV4}), aws-chunked bodies with chunk signatures and trailing checksums
 * ({@link net.aisj.web.s3.auth.AwsChunkedInputStream}), payload hashes verified while streaming, and the request
 * filter that applies them to every S3 route ({@link net.aisj.web.s3.auth.S3AuthFilter}).
 */
package net.aisj.web.s3.auth;

/**
 * The S3 API, path style at {@code /s3/{bucket}/{key}} and at the root {@code /{bucket}/{key}}: thin JAX-RS
 * endpoints ({@link net.aisj.web.s3.S3Endpoints}) that dispatch on method and query to one handler per S3 resource
 * (buckets, objects, listings, multipart), over the same buckets and objects as the native API.
 */
package net.aisj.web.s3;

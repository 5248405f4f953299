/**
 * Domain services the S3 API needs beyond plain objects: multipart uploads (parts kept on the owning target,
 * completion rules and the multipart ETag).
 */
package net.aisj.service.s3;

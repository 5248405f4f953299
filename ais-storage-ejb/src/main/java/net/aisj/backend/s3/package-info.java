/** The S3 provider ({@code aws://}, alias {@code s3://}) on the AWS SDK for Java v2: AWS or any S3-compatible endpoint. */
package net.aisj.backend.s3;

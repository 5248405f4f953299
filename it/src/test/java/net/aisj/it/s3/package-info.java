/** Black-box tests of the S3 API with the AWS SDK for Java v2 (and plain HTTP) against a launched node. */
package net.aisj.it.s3;

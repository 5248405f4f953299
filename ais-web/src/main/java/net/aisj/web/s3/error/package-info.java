/**
 * S3 errors: one table ({@link net.aisj.web.s3.error.S3Error}: code, HTTP status, default message), the exception
 * that carries an entry, and the mapping of every failure on an S3 route to the S3 XML error document.
 */
package net.aisj.web.s3.error;

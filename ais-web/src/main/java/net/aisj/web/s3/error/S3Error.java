package net.aisj.web.s3.error;

/**
 * The S3 error table: wire code (the constant's name), HTTP status and AWS's default message. See
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
public enum S3Error {
    AccessDenied(403, "Access Denied"),
    AccessForbidden(403, "CORSResponse: This CORS request is not allowed."),
    BadRequest(400, "Bad Request"),
    AuthorizationHeaderMalformed(400, "The authorization header is malformed."),
    AuthorizationQueryParametersError(400, "Error parsing the X-Amz-Credential parameter."),
    BadDigest(400, "The Content-MD5 you specified did not match what we received."),
    BucketAlreadyOwnedByYou(409, "Your previous request to create the named bucket succeeded and you already own it."),
    BucketNotEmpty(409, "The bucket you tried to delete is not empty."),
    EntityTooSmall(400, "Your proposed upload is smaller than the minimum allowed object size."),
    IllegalVersioningConfigurationException(400, "The versioning configuration specified in the request is invalid."),
    IncompleteBody(400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
    InsufficientStorage(507, "The node has no space left for this request."),
    InternalError(500, "We encountered an internal error. Please try again."),
    InvalidAccessKeyId(403, "The AWS Access Key Id you provided does not exist in our records."),
    InvalidArgument(400, "Invalid Argument"),
    InvalidBucketName(400, "The specified bucket is not valid."),
    InvalidDigest(400, "The Content-MD5 you specified is not valid."),
    InvalidPart(
            400,
            "One or more of the specified parts could not be found. The part may not have been uploaded, "
                    + "or the specified entity tag may not match the part's entity tag."),
    InvalidPartNumber(416, "The requested partnumber is not satisfiable"),
    InvalidPartOrder(
            400,
            "The list of parts was not in ascending order. The parts list must be specified in order "
                    + "by part number."),
    InvalidTag(400, "The tag provided was not a valid tag."),
    InvalidRange(416, "The requested range is not satisfiable"),
    InvalidRequest(400, "Invalid Request"),
    KeyTooLongError(400, "Your key is too long"),
    MalformedXML(400, "The XML you provided was not well-formed or did not validate against our published schema."),
    MetadataTooLarge(400, "Your metadata headers exceed the maximum allowed metadata size."),
    MethodNotAllowed(405, "The specified method is not allowed against this resource."),
    MissingContentLength(411, "You must provide the Content-Length HTTP header."),
    NoSuchCORSConfiguration(404, "The CORS configuration does not exist"),
    NoSuchBucket(404, "The specified bucket does not exist"),
    NoSuchKey(404, "The specified key does not exist."),
    NoSuchUpload(
            404,
            "The specified multipart upload does not exist. The upload ID might be invalid, or the "
                    + "multipart upload might have been aborted or completed."),
    NoSuchVersion(404, "The specified version does not exist."),
    NotImplemented(501, "A header or query you provided implies functionality that is not implemented."),
    /** Not an error document: a 304 without a body (conditional GET/HEAD). */
    NotModified(304, "Not Modified"),
    PreconditionFailed(412, "At least one of the pre-conditions you specified did not hold"),
    RequestTimeTooSkewed(403, "The difference between the request time and the server's time is too large."),
    ServiceUnavailable(503, "Please reduce your request rate."),
    SignatureDoesNotMatch(
            403,
            "The request signature we calculated does not match the signature you provided. "
                    + "Check your key and signing method."),
    XAmzContentSHA256Mismatch(400, "The provided 'x-amz-content-sha256' header does not match what was computed.");

    private final int status;
    private final String message;

    S3Error(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The wire code, e.g. {@code NoSuchKey}. */
    public String code() {
        return name();
    }

    public int status() {
        return status;
    }

    /** AWS's default message. */
    public String message() {
        return message;
    }
}

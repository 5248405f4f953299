package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The multipart-upload wire types (one holder class: they only make sense together). */
public final class MultipartTypes {

    private MultipartTypes() {}

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
    @XmlRootElement(name = "InitiateMultipartUploadResult")
    @XmlType(propOrder = {"bucket", "key", "uploadId"})
    public static class InitiateMultipartUploadResult {
        @XmlElement(name = "Bucket")
        public String bucket;

        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "UploadId")
        public String uploadId;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html (request) */
    @XmlRootElement(name = "CompleteMultipartUpload")
    public static class CompleteMultipartUpload {
        @XmlElement(name = "Part")
        public List<CompletedPart> parts = new ArrayList<>();
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompletedPart.html */
    @XmlType(propOrder = {"partNumber", "etag"})
    public static class CompletedPart {
        @XmlElement(name = "PartNumber")
        public Integer partNumber;

        @XmlElement(name = "ETag")
        public String etag;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html (response) */
    @XmlRootElement(name = "CompleteMultipartUploadResult")
    @XmlType(propOrder = {"location", "bucket", "key", "etag"})
    public static class CompleteMultipartUploadResult {
        @XmlElement(name = "Location")
        public String location;

        @XmlElement(name = "Bucket")
        public String bucket;

        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "ETag")
        public String etag;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html */
    @XmlRootElement(name = "CopyPartResult")
    @XmlType(propOrder = {"lastModified", "etag"})
    public static class CopyPartResult {
        @XmlElement(name = "LastModified")
        public String lastModified;

        @XmlElement(name = "ETag")
        public String etag;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Part.html */
    @XmlType(propOrder = {"partNumber", "lastModified", "etag", "size"})
    public static class Part {
        @XmlElement(name = "PartNumber")
        public int partNumber;

        @XmlElement(name = "LastModified")
        public String lastModified;

        @XmlElement(name = "ETag")
        public String etag;

        @XmlElement(name = "Size")
        public long size;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
    @XmlRootElement(name = "ListPartsResult")
    @XmlType(
            propOrder = {
                "bucket",
                "key",
                "uploadId",
                "partNumberMarker",
                "nextPartNumberMarker",
                "maxParts",
                "isTruncated",
                "parts",
                "storageClass"
            })
    public static class ListPartsResult {
        @XmlElement(name = "Bucket")
        public String bucket;

        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "UploadId")
        public String uploadId;

        @XmlElement(name = "PartNumberMarker")
        public int partNumberMarker;

        @XmlElement(name = "NextPartNumberMarker")
        public int nextPartNumberMarker;

        @XmlElement(name = "MaxParts")
        public int maxParts;

        @XmlElement(name = "IsTruncated")
        public boolean isTruncated;

        @XmlElement(name = "Part")
        public List<Part> parts = new ArrayList<>();

        @XmlElement(name = "StorageClass")
        public String storageClass = "STANDARD";
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_MultipartUpload.html */
    @XmlType(propOrder = {"key", "uploadId", "initiated", "storageClass"})
    public static class Upload {
        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "UploadId")
        public String uploadId;

        @XmlElement(name = "Initiated")
        public String initiated;

        @XmlElement(name = "StorageClass")
        public String storageClass = "STANDARD";
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html */
    @XmlRootElement(name = "ListMultipartUploadsResult")
    @XmlType(
            propOrder = {
                "bucket",
                "keyMarker",
                "uploadIdMarker",
                "nextKeyMarker",
                "nextUploadIdMarker",
                "prefix",
                "delimiter",
                "maxUploads",
                "isTruncated",
                "uploads",
                "commonPrefixes"
            })
    public static class ListMultipartUploadsResult {
        @XmlElement(name = "Bucket")
        public String bucket;

        @XmlElement(name = "KeyMarker")
        public String keyMarker = "";

        @XmlElement(name = "UploadIdMarker")
        public String uploadIdMarker = "";

        @XmlElement(name = "NextKeyMarker")
        public String nextKeyMarker;

        @XmlElement(name = "NextUploadIdMarker")
        public String nextUploadIdMarker;

        @XmlElement(name = "Prefix")
        public String prefix = "";

        @XmlElement(name = "Delimiter")
        public String delimiter;

        @XmlElement(name = "MaxUploads")
        public int maxUploads;

        @XmlElement(name = "IsTruncated")
        public boolean isTruncated;

        @XmlElement(name = "Upload")
        public List<Upload> uploads = new ArrayList<>();

        @XmlElement(name = "CommonPrefixes")
        public List<CommonPrefix> commonPrefixes = new ArrayList<>();
    }
}

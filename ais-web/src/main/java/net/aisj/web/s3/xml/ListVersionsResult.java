package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjectVersions response (one current version per key; no delete markers are kept).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
@XmlRootElement(name = "ListVersionsResult")
@XmlType(
        propOrder = {
            "name",
            "prefix",
            "keyMarker",
            "versionIdMarker",
            "nextKeyMarker",
            "nextVersionIdMarker",
            "maxKeys",
            "delimiter",
            "isTruncated",
            "encodingType",
            "versions",
            "commonPrefixes"
        })
public class ListVersionsResult {

    @XmlElement(name = "Name")
    public String name;

    @XmlElement(name = "Prefix")
    public String prefix = "";

    @XmlElement(name = "KeyMarker")
    public String keyMarker = "";

    @XmlElement(name = "VersionIdMarker")
    public String versionIdMarker = "";

    @XmlElement(name = "NextKeyMarker")
    public String nextKeyMarker;

    @XmlElement(name = "NextVersionIdMarker")
    public String nextVersionIdMarker;

    @XmlElement(name = "MaxKeys")
    public int maxKeys;

    @XmlElement(name = "Delimiter")
    public String delimiter;

    @XmlElement(name = "IsTruncated")
    public boolean isTruncated;

    @XmlElement(name = "EncodingType")
    public String encodingType;

    @XmlElement(name = "Version")
    public List<Version> versions = new ArrayList<>();

    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();

    /** One {@code <Version>}. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectVersion.html */
    @XmlType(
            name = "ObjectVersion",
            propOrder = {"key", "versionId", "isLatest", "lastModified", "etag", "size", "owner", "storageClass"})
    public static class Version {

        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "VersionId")
        public String versionId;

        @XmlElement(name = "IsLatest")
        public boolean isLatest = true;

        @XmlElement(name = "LastModified")
        public String lastModified;

        @XmlElement(name = "ETag")
        public String etag;

        @XmlElement(name = "Size")
        public long size;

        @XmlElement(name = "Owner")
        public Owner owner;

        @XmlElement(name = "StorageClass")
        public String storageClass = "STANDARD";
    }
}

package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** ListObjectsV2 response. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
@XmlRootElement(name = "ListBucketResult")
@XmlType(
        name = "ListBucketResultV2",
        propOrder = {
            "name",
            "prefix",
            "maxKeys",
            "keyCount",
            "delimiter",
            "isTruncated",
            "encodingType",
            "continuationToken",
            "nextContinuationToken",
            "startAfter",
            "contents",
            "commonPrefixes"
        })
public class ListBucketResultV2 {

    @XmlElement(name = "Name")
    public String name;

    @XmlElement(name = "Prefix")
    public String prefix = "";

    @XmlElement(name = "MaxKeys")
    public int maxKeys;

    @XmlElement(name = "KeyCount")
    public int keyCount;

    @XmlElement(name = "Delimiter")
    public String delimiter;

    @XmlElement(name = "IsTruncated")
    public boolean isTruncated;

    @XmlElement(name = "EncodingType")
    public String encodingType;

    @XmlElement(name = "ContinuationToken")
    public String continuationToken;

    @XmlElement(name = "NextContinuationToken")
    public String nextContinuationToken;

    @XmlElement(name = "StartAfter")
    public String startAfter;

    @XmlElement(name = "Contents")
    public List<ObjectEntry> contents = new ArrayList<>();

    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();
}

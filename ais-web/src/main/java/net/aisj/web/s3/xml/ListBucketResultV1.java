package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** ListObjects (V1) response. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html */
@XmlRootElement(name = "ListBucketResult")
@XmlType(
        name = "ListBucketResultV1",
        propOrder = {
            "name",
            "prefix",
            "marker",
            "nextMarker",
            "maxKeys",
            "delimiter",
            "isTruncated",
            "encodingType",
            "contents",
            "commonPrefixes"
        })
public class ListBucketResultV1 {

    @XmlElement(name = "Name")
    public String name;

    @XmlElement(name = "Prefix")
    public String prefix = "";

    @XmlElement(name = "Marker")
    public String marker = "";

    @XmlElement(name = "NextMarker")
    public String nextMarker;

    @XmlElement(name = "MaxKeys")
    public int maxKeys;

    @XmlElement(name = "Delimiter")
    public String delimiter;

    @XmlElement(name = "IsTruncated")
    public boolean isTruncated;

    @XmlElement(name = "EncodingType")
    public String encodingType;

    @XmlElement(name = "Contents")
    public List<ObjectEntry> contents = new ArrayList<>();

    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();
}

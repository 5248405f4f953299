package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** One {@code <Contents>} of a listing. https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html */
@XmlType(propOrder = {"key", "lastModified", "etag", "size", "owner", "storageClass"})
public class ObjectEntry {

    @XmlElement(name = "Key")
    public String key;

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

    public ObjectEntry() {}

    public ObjectEntry(String key, String lastModified, String etag, long size) {
        this.key = key;
        this.lastModified = lastModified;
        this.etag = etag;
        this.size = size;
    }
}

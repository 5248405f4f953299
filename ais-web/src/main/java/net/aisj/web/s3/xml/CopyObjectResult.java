package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** CopyObject response. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html */
@XmlRootElement(name = "CopyObjectResult")
@XmlType(propOrder = {"lastModified", "etag"})
public class CopyObjectResult {

    @XmlElement(name = "LastModified")
    public String lastModified;

    @XmlElement(name = "ETag")
    public String etag;

    public CopyObjectResult() {}

    public CopyObjectResult(String lastModified, String etag) {
        this.lastModified = lastModified;
        this.etag = etag;
    }
}

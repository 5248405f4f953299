package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** DeleteObjects request body. https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html */
@XmlRootElement(name = "Delete")
@XmlType(propOrder = {"objects", "quiet"})
public class Delete {

    @XmlElement(name = "Object")
    public List<ObjectIdentifier> objects = new ArrayList<>();

    @XmlElement(name = "Quiet")
    public Boolean quiet;

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectIdentifier.html */
    @XmlType(propOrder = {"key", "versionId", "etag"})
    public static class ObjectIdentifier {
        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "VersionId")
        public String versionId;

        @XmlElement(name = "ETag")
        public String etag;
    }
}

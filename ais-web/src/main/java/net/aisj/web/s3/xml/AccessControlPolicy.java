package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * PutObjectAcl / PutBucketAcl body (read only to check it is well-formed; the grantee's {@code xsi:type} is not
 * mapped, so that no document of the context declares the xsi namespace).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html
 */
@XmlRootElement(name = "AccessControlPolicy")
@XmlType(propOrder = {"owner", "grants"})
public class AccessControlPolicy {

    @XmlElement(name = "Owner")
    public Owner owner;

    @XmlElementWrapper(name = "AccessControlList")
    @XmlElement(name = "Grant")
    public List<Grant> grants = new ArrayList<>();

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Grant.html */
    @XmlType(propOrder = {"grantee", "permission"})
    public static class Grant {

        @XmlElement(name = "Grantee")
        public Grantee grantee;

        @XmlElement(name = "Permission")
        public String permission;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Grantee.html */
    @XmlType(propOrder = {"id", "displayName", "uri", "emailAddress"})
    public static class Grantee {

        @XmlElement(name = "ID")
        public String id;

        @XmlElement(name = "DisplayName")
        public String displayName;

        @XmlElement(name = "URI")
        public String uri;

        @XmlElement(name = "EmailAddress")
        public String emailAddress;
    }
}

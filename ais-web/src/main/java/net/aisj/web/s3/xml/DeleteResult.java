package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** DeleteObjects response. https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html */
@XmlRootElement(name = "DeleteResult")
@XmlType(propOrder = {"deleted", "errors"})
public class DeleteResult {

    @XmlElement(name = "Deleted")
    public List<Deleted> deleted = new ArrayList<>();

    @XmlElement(name = "Error")
    public List<Error> errors = new ArrayList<>();

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeletedObject.html */
    @XmlType(propOrder = {"key", "versionId"})
    public static class Deleted {
        @XmlElement(name = "Key")
        public String key;

        /** The version named in the request, echoed as S3 does. */
        @XmlElement(name = "VersionId")
        public String versionId;

        public Deleted() {}

        public Deleted(String key) {
            this.key = key;
        }

        public Deleted(String key, String versionId) {
            this.key = key;
            this.versionId = versionId;
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Error.html */
    @XmlType(
            name = "DeleteError",
            propOrder = {"key", "code", "message"})
    public static class Error {
        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "Code")
        public String code;

        @XmlElement(name = "Message")
        public String message;

        public Error() {}

        public Error(String key, String code, String message) {
            this.key = key;
            this.code = code;
            this.message = message;
        }
    }
}

package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * GetObjectTagging response and PutObjectTagging body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
 */
@XmlRootElement(name = "Tagging")
public class Tagging {

    @XmlElementWrapper(name = "TagSet")
    @XmlElement(name = "Tag")
    public List<Tag> tags = new ArrayList<>();

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Tag.html */
    @XmlType(propOrder = {"key", "value"})
    public static class Tag {

        @XmlElement(name = "Key")
        public String key;

        @XmlElement(name = "Value")
        public String value;

        public Tag() {}

        public Tag(String key, String value) {
            this.key = key;
            this.value = value;
        }
    }
}

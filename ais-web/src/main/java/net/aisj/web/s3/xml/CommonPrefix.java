package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;

/** One {@code <CommonPrefixes>} of a listing. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CommonPrefix.html */
public class CommonPrefix {

    @XmlElement(name = "Prefix")
    public String prefix;

    public CommonPrefix() {}

    public CommonPrefix(String prefix) {
        this.prefix = prefix;
    }
}

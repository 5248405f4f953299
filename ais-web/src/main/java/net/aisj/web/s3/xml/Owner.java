package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html */
@XmlType(propOrder = {"id", "displayName"})
public class Owner {

    @XmlElement(name = "ID")
    public String id;

    @XmlElement(name = "DisplayName")
    public String displayName;

    public Owner() {}

    public Owner(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }
}

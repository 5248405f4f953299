package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlValue;

/**
 * GetBucketLocation response (empty for us-east-1, as AWS answers).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
@XmlRootElement(name = "LocationConstraint")
public class LocationConstraint {

    @XmlValue
    public String value = "";

    public LocationConstraint() {}

    public LocationConstraint(String value) {
        this.value = value;
    }
}

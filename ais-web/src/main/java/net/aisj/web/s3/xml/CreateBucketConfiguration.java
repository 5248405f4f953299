package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * CreateBucket request body (optional). https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
 */
@XmlRootElement(name = "CreateBucketConfiguration")
public class CreateBucketConfiguration {

    @XmlElement(name = "LocationConstraint")
    public String locationConstraint;
}

package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * Get/PutBucketVersioning body. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 */
@XmlRootElement(name = "VersioningConfiguration")
@XmlType(propOrder = {"status", "mfaDelete"})
public class VersioningConfiguration {

    /** {@code Enabled}, {@code Suspended}, or absent (never enabled). */
    @XmlElement(name = "Status")
    public String status;

    @XmlElement(name = "MfaDelete")
    public String mfaDelete;
}

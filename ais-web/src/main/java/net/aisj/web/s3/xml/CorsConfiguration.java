package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * GetBucketCors response and PutBucketCors body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 */
@XmlRootElement(name = "CORSConfiguration")
public class CorsConfiguration {

    @XmlElement(name = "CORSRule")
    public List<CorsRule> rules = new ArrayList<>();

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html */
    @XmlType(propOrder = {"id", "allowedHeaders", "allowedMethods", "allowedOrigins", "exposeHeaders", "maxAgeSeconds"})
    public static class CorsRule {

        @XmlElement(name = "ID")
        public String id;

        @XmlElement(name = "AllowedHeader")
        public List<String> allowedHeaders = new ArrayList<>();

        @XmlElement(name = "AllowedMethod")
        public List<String> allowedMethods = new ArrayList<>();

        @XmlElement(name = "AllowedOrigin")
        public List<String> allowedOrigins = new ArrayList<>();

        @XmlElement(name = "ExposeHeader")
        public List<String> exposeHeaders = new ArrayList<>();

        @XmlElement(name = "MaxAgeSeconds")
        public Integer maxAgeSeconds;
    }
}

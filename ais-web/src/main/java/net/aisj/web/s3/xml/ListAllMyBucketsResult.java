package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** ListBuckets response. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
@XmlRootElement(name = "ListAllMyBucketsResult")
@XmlType(propOrder = {"owner", "buckets"})
public class ListAllMyBucketsResult {

    @XmlElement(name = "Owner")
    public Owner owner;

    @XmlElementWrapper(name = "Buckets")
    @XmlElement(name = "Bucket")
    public List<Bucket> buckets = new ArrayList<>();

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_Bucket.html */
    @XmlType(propOrder = {"name", "creationDate", "bucketRegion"})
    public static class Bucket {
        @XmlElement(name = "Name")
        public String name;

        @XmlElement(name = "CreationDate")
        public String creationDate;

        @XmlElement(name = "BucketRegion")
        public String bucketRegion;

        public Bucket() {}

        public Bucket(String name, String creationDate, String region) {
            this.name = name;
            this.creationDate = creationDate;
            this.bucketRegion = region;
        }
    }
}

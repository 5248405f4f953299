/**
 * S3 wire types: JAXB classes whose element names are exactly AWS's (strict clients reject others), in the S3
 * namespace, each with a link to its AWS API page; {@link net.aisj.web.s3.xml.S3Xml} reads and writes them.
 */
@XmlSchema(
        namespace = S3Xml.NS,
        elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "", namespaceURI = S3Xml.NS))
@XmlAccessorType(XmlAccessType.FIELD)
package net.aisj.web.s3.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

package net.aisj.web.s3.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Reads and writes the S3 wire types. Request bodies are parsed without DTDs or external entities, at most
 * {@link #MAX_BODY} bytes, and accepted with or without the S3 namespace (clients differ). Thread-safe.
 */
public final class S3Xml {

    public static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    /** Largest XML request body read (a 1000-key DeleteObjects with long keys fits). */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JAXBContext CTX;
    private static final XMLInputFactory INPUT;

    static {
        try {
            CTX = JAXBContext.newInstance(
                    ListAllMyBucketsResult.class,
                    ListBucketResultV1.class,
                    ListBucketResultV2.class,
                    LocationConstraint.class,
                    VersioningConfiguration.class,
                    CreateBucketConfiguration.class,
                    CopyObjectResult.class,
                    Delete.class,
                    DeleteResult.class,
                    MultipartTypes.InitiateMultipartUploadResult.class,
                    MultipartTypes.CompleteMultipartUpload.class,
                    MultipartTypes.CompleteMultipartUploadResult.class,
                    MultipartTypes.ListPartsResult.class,
                    MultipartTypes.ListMultipartUploadsResult.class,
                    MultipartTypes.CopyPartResult.class,
                    ListVersionsResult.class,
                    AccessControlPolicy.class,
                    Tagging.class,
                    CorsConfiguration.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
        INPUT = XMLInputFactory.newFactory();
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        INPUT.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    private S3Xml() {}

    /** An S3 timestamp: {@code 2009-10-12T17:50:30.000Z}. */
    public static String time(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }

    public static void write(Object value, OutputStream out) throws IOException {
        try {
            Marshaller m = CTX.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(value, out);
        } catch (JAXBException e) {
            throw new IOException("cannot write " + value.getClass().getSimpleName() + ": " + e, e);
        }
    }

    public static byte[] bytes(Object value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(value, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Parses a request body as {@code type}.
     *
     * @throws IllegalArgumentException when the body is not well-formed, too large or of another root element
     * @throws IOException              when reading the body fails (including a rejected payload)
     */
    public static <T> T read(InputStream in, Class<T> type) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("XML body larger than " + MAX_BODY + " bytes");
        }
        try {
            XMLStreamReader r = new InS3Namespace(INPUT.createXMLStreamReader(new java.io.ByteArrayInputStream(body)));
            Unmarshaller u = CTX.createUnmarshaller();
            Object o = u.unmarshal(r);
            if (!type.isInstance(o)) {
                throw new IllegalArgumentException("unexpected root element (expected " + type.getSimpleName() + ")");
            }
            return type.cast(o);
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalArgumentException(
                    "malformed XML: "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getCause() != null ? e.getCause().getMessage() : e.toString()),
                    e);
        }
    }

    /** Puts every element in the S3 namespace, so that bodies without {@code xmlns} parse too. */
    private static final class InS3Namespace extends StreamReaderDelegate {
        InS3Namespace(XMLStreamReader r) {
            super(r);
        }

        @Override
        public int next() throws XMLStreamException {
            int e = super.next();
            if (e == DTD || e == ENTITY_REFERENCE) {
                throw new XMLStreamException("DTDs and entity references are not allowed");
            }
            return e;
        }

        @Override
        public String getNamespaceURI() {
            int t = getEventType();
            return t == START_ELEMENT || t == END_ELEMENT ? NS : super.getNamespaceURI();
        }

        @Override
        public javax.xml.namespace.QName getName() {
            return new javax.xml.namespace.QName(NS, getLocalName());
        }
    }
}

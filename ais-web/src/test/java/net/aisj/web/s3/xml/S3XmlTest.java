package net.aisj.web.s3.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3XmlTest {

    static String xml(Object o) {
        return new String(S3Xml.bytes(o), StandardCharsets.UTF_8);
    }

    @Test
    void listBucketResultV2() {
        ListBucketResultV2 r = new ListBucketResultV2();
        r.name = "b";
        r.prefix = "p/";
        r.maxKeys = 2;
        r.keyCount = 2;
        r.delimiter = "/";
        r.isTruncated = true;
        r.nextContinuationToken = "tok";
        r.contents.add(new ObjectEntry("p/a&b", "2009-10-12T17:50:30.000Z", "\"abc\"", 10));
        r.commonPrefixes.add(new CommonPrefix("p/d/"));
        String s = xml(r);
        assertThat(s)
                .contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .contains("<Name>b</Name><Prefix>p/</Prefix><MaxKeys>2</MaxKeys><KeyCount>2</KeyCount>"
                        + "<Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>"
                        + "<NextContinuationToken>tok</NextContinuationToken>")
                .contains("<Contents><Key>p/a&amp;b</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>"
                        + "<ETag>\"abc\"</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Contents>")
                .contains("<CommonPrefixes><Prefix>p/d/</Prefix></CommonPrefixes>")
                .doesNotContain("ContinuationToken>tok</ContinuationToken><Next")
                .doesNotContain("ns2:");
    }

    @Test
    void listBucketResultV1() {
        ListBucketResultV1 r = new ListBucketResultV1();
        r.name = "b";
        r.maxKeys = 1000;
        r.nextMarker = "m";
        r.isTruncated = true;
        String s = xml(r);
        assertThat(s)
                .contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Name>b</Name><Prefix></Prefix><Marker></Marker><NextMarker>m</NextMarker><MaxKeys>1000</MaxKeys>"
                        + "<IsTruncated>true</IsTruncated></ListBucketResult>");
    }

    @Test
    void readsDeleteWithAndWithoutNamespace() throws Exception {
        for (String ns : new String[] {" xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"", ""}) {
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete" + ns + "><Quiet>true</Quiet>"
                    + "<Object><Key>a/b</Key></Object><Object><Key>c&amp;d</Key></Object></Delete>";
            Delete d = S3Xml.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Delete.class);
            assertThat(d.quiet).isTrue();
            assertThat(d.objects).extracting(o -> o.key).containsExactly("a/b", "c&d");
        }
    }

    @Test
    void refusesDtdsAndGarbage() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        assertThatThrownBy(
                        () -> S3Xml.read(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), Delete.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        S3Xml.read(new ByteArrayInputStream("<Delete>".getBytes(StandardCharsets.UTF_8)), Delete.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Xml.read(
                        new ByteArrayInputStream("<VersioningConfiguration/>".getBytes(StandardCharsets.UTF_8)),
                        Delete.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorDocument() {
        assertThat(ErrorDocument.xml("NoSuchKey", "key <x> & \"y\"", "/b/k", "ID1"))
                .isEqualTo(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>key &lt;x&gt; "
                                + "&amp; &quot;y&quot;</Message><Resource>/b/k</Resource><RequestId>ID1</RequestId></Error>");
    }

    @Test
    void versioningAndLocation() {
        VersioningConfiguration v = new VersioningConfiguration();
        v.status = "Enabled";
        assertThat(xml(v))
                .contains("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Status>Enabled</Status></VersioningConfiguration>");
        assertThat(xml(new LocationConstraint("")))
                .contains(
                        "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></LocationConstraint>");
    }
}

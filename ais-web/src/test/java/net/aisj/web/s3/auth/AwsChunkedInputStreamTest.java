package net.aisj.web.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import net.aisj.web.s3.error.PayloadException;
import net.aisj.web.s3.error.S3Error;
import org.junit.jupiter.api.Test;

/**
 * The example of "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html): 66560 bytes of 'a' in chunks of 64 KiB.
 */
class AwsChunkedInputStreamTest {

    static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String[] CHUNK_SIGS = {
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
    };

    static SigV4.Signer signer() {
        return SigV4.Signer.of(SigV4Test.SK, "20130524T000000Z", "20130524", "us-east-1", "s3");
    }

    @Test
    void seedSignatureOfTheExample() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("content-encoding", List.of("aws-chunked"));
        h.put("content-length", List.of("66824"));
        h.put("host", List.of("s3.amazonaws.com"));
        h.put("x-amz-content-sha256", List.of(SigV4.STREAMING_SIGNED));
        h.put("x-amz-date", List.of("20130524T000000Z"));
        h.put("x-amz-decoded-content-length", List.of("66560"));
        h.put("x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));
        var r = RequestAuthenticator.request("PUT", "/examplebucket/chunkObject.txt", null, h);
        String canonical = SigV4.canonicalRequest(
                "PUT", r.rawPath(), null, List.copyOf(h.keySet()), r::header, SigV4.STREAMING_SIGNED, false);
        assertThat(signer().signRequest(canonical)).isEqualTo(SEED);
    }

    static byte[] body(String[] sigs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {65536, 1024, 0};
        for (int i = 0; i < 3; i++) {
            out.writeBytes((Integer.toHexString(sizes[i]) + ";chunk-signature=" + sigs[i] + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] data = new byte[sizes[i]];
            Arrays.fill(data, (byte) 'a');
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    @Test
    void decodesAndVerifiesTheExample() throws Exception {
        byte[] encoded = body(CHUNK_SIGS);
        assertThat(encoded).hasSize(66824);
        InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(encoded), signer(), SEED, null, 66560);
        byte[] decoded = in.readAllBytes();
        assertThat(decoded).hasSize(66560).containsOnly((byte) 'a');
    }

    @Test
    void aWrongChunkSignatureFails() {
        String[] sigs = CHUNK_SIGS.clone();
        sigs[1] = sigs[1].replace('0', '1');
        InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body(sigs)), signer(), SEED, null, 66560);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(PayloadException.class)
                .satisfies(e -> assertThat(((PayloadException) e).error()).isEqualTo(S3Error.SignatureDoesNotMatch));
    }

    @Test
    void truncatedBodyFails() {
        byte[] b = body(CHUNK_SIGS);
        InputStream in = new AwsChunkedInputStream(
                new ByteArrayInputStream(Arrays.copyOf(b, 40_000)), signer(), SEED, null, 66560);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(PayloadException.class);
    }

    static byte[] unsignedWithTrailer(byte[] data, String checksum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + checksum + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void unsignedPayloadWithTrailingCrc32() throws Exception {
        byte[] data = "hello, trailer".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        String good = java.util.Base64.getEncoder()
                .encodeToString(java.nio.ByteBuffer.allocate(4)
                        .putInt((int) crc.getValue())
                        .array());
        AwsChunkedInputStream in = new AwsChunkedInputStream(
                new ByteArrayInputStream(unsignedWithTrailer(data, good)),
                null,
                null,
                FlexibleChecksum.forHeader("x-amz-checksum-crc32"),
                data.length);
        assertThat(in.readAllBytes()).isEqualTo(data);
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32", good);

        InputStream bad = new AwsChunkedInputStream(
                new ByteArrayInputStream(unsignedWithTrailer(data, "AAAAAA==")),
                null,
                null,
                FlexibleChecksum.forHeader("x-amz-checksum-crc32"),
                data.length);
        assertThatThrownBy(bad::readAllBytes)
                .isInstanceOf(PayloadException.class)
                .satisfies(e -> assertThat(((PayloadException) e).error()).isEqualTo(S3Error.BadDigest));
    }

    @Test
    void crc64NvmeOfTheCheckString() {
        FlexibleChecksum c = FlexibleChecksum.forHeader("x-amz-checksum-crc64nvme");
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        c.update(b, 0, b.length);
        // CRC-64/NVME check value 0xae8b14860a799888
        assertThat(c.base64())
                .isEqualTo(java.util.Base64.getEncoder()
                        .encodeToString(java.nio.ByteBuffer.allocate(8)
                                .putLong(0xae8b14860a799888L)
                                .array()));
    }
}

package net.aisj.service.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.aisj.connector.api.PartInfo;
import org.junit.jupiter.api.Test;

class MultipartServiceTest {

    static final String MD5_A = "0cc175b9c0f1b6a831c399e269772661"; // "a"
    static final String MD5_B = "92eb5ffee6ae2fec3ad71c777531578f"; // "b"

    static Map<Integer, PartInfo> parts(long size1) {
        return Map.of(1, new PartInfo(1, size1, MD5_A, 0), 2, new PartInfo(2, 1, MD5_B, 0));
    }

    @Test
    void etagIsMd5OfBinaryMd5sAndCount() {
        String etag = MultipartService.multipartEtag(
                List.of(Map.entry(1, "\"" + MD5_A + "\""), Map.entry(2, MD5_B)), parts(MultipartService.MIN_PART_SIZE));
        // md5(0x0cc1...61 || 0x92eb...8f)
        assertThat(etag).matches("\"[0-9a-f]{32}-2\"");
        assertThat(etag)
                .isEqualTo("\""
                        + java.util.HexFormat.of()
                                .formatHex(md5(java.util.HexFormat.of().parseHex(MD5_A + MD5_B))) + "-2\"");
    }

    @Test
    void rules() {
        assertProblem(
                () -> MultipartService.multipartEtag(
                        List.of(Map.entry(2, MD5_B), Map.entry(1, MD5_A)), parts(MultipartService.MIN_PART_SIZE)),
                MultipartException.Problem.INVALID_PART_ORDER);
        assertProblem(
                () -> MultipartService.multipartEtag(
                        List.of(Map.entry(1, MD5_B)), parts(MultipartService.MIN_PART_SIZE)),
                MultipartException.Problem.INVALID_PART);
        assertProblem(
                () -> MultipartService.multipartEtag(
                        List.of(Map.entry(3, MD5_B)), parts(MultipartService.MIN_PART_SIZE)),
                MultipartException.Problem.INVALID_PART);
        assertProblem(
                () -> MultipartService.multipartEtag(
                        List.of(Map.entry(1, MD5_A), Map.entry(2, MD5_B)), parts(MultipartService.MIN_PART_SIZE - 1)),
                MultipartException.Problem.ENTITY_TOO_SMALL);
        // a small last (or only) part is fine
        assertThat(MultipartService.multipartEtag(List.of(Map.entry(2, MD5_B)), parts(1)))
                .endsWith("-1\"");
    }

    static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, MultipartException.Problem p) {
        assertThatThrownBy(c)
                .isInstanceOfSatisfying(
                        MultipartException.class, e -> assertThat(e.problem()).isEqualTo(p));
    }

    static byte[] md5(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AisExceptionTest {

    @Test
    void aReasonCarriesItsKind() {
        for (AisException.Reason r : AisException.Reason.values()) {
            if (r == AisException.Reason.UNSPECIFIED) {
                continue;
            }
            AisException e = new AisException(r, "m");
            assertThat(e.reason()).isEqualTo(r);
            assertThat(e.kind()).isEqualTo(r.kind());
        }
        assertThat(AisException.notFound("x").reason()).isEqualTo(AisException.Reason.UNSPECIFIED);
    }

    @Test
    void unspecifiedWithoutAKindIsInternal() {
        assertThat(new AisException(AisException.Reason.UNSPECIFIED, "m").kind())
                .isEqualTo(AisException.Kind.INTERNAL);
    }
}

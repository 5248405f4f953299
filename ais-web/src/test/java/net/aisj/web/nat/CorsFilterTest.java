package net.aisj.web.nat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorsFilterTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "http://127.0.0.1:8080,       http://127.0.0.1:8080",
                "HTTP://Node1.Example:8080/,  http://node1.example:8080",
                "http://node1.example,        http://node1.example:80",
                "https://node1.example,       https://node1.example:443",
                "null,                        null",
                "not a url,                   null",
            })
    void originsCompareAsSchemeHostAndPort(String in, String out) {
        assertThat(CorsFilter.normalize(in == null ? "null" : in)).isEqualTo(out);
    }
}

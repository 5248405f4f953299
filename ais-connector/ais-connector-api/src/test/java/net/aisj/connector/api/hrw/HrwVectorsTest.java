package net.aisj.connector.api.hrw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Row-by-row check against the golden vectors in the test resources ({@code hrw-vectors.json}), computed by AIStore's own client code. The
 * file is read with a few regular expressions (this module has no JSON library, and its format is fixed).
 */
class HrwVectorsTest {

    static String vectors() throws IOException {
        try (InputStream in = HrwVectorsTest.class.getResourceAsStream("hrw-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("hrw-vectors.json missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String section(String json, String name) {
        int start = json.indexOf("\"" + name + "\"");
        int open = json.indexOf('[', start);
        int depth = 0;
        for (int i = open; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return json.substring(open + 1, i);
            }
        }
        throw new IllegalStateException("section " + name);
    }

    static List<String> objects(String section) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int begin = -1;
        boolean inStr = false;
        for (int i = 0; i < section.length(); i++) {
            char c = section.charAt(i);
            if (inStr) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inStr = false;
                }
                continue;
            }
            if (c == '"') {
                inStr = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    begin = i;
                }
            } else if (c == '}' && --depth == 0) {
                out.add(section.substring(begin, i + 1));
            }
        }
        return out;
    }

    static String str(String obj, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(obj);
        assertThat(m.find()).as(key + " in " + obj).isTrue();
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    static List<String> arr(String obj, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(obj);
        assertThat(m.find()).as(key + " in " + obj).isTrue();
        List<String> out = new ArrayList<>();
        Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
        while (s.find()) {
            out.add(s.group(1));
        }
        return out;
    }

    @Test
    void digests() throws IOException {
        List<String> rows = objects(section(vectors(), "digest"));
        assertThat(rows).isNotEmpty();
        for (String r : rows) {
            assertThat(Long.toUnsignedString(Hrw.digest(str(r, "input")))).as(r).isEqualTo(str(r, "digest"));
        }
    }

    @Test
    void mix() throws IOException {
        List<String> rows = objects(section(vectors(), "mix"));
        assertThat(rows).isNotEmpty();
        for (String r : rows) {
            long in = Long.parseUnsignedLong(str(r, "input"));
            assertThat(Long.toUnsignedString(Hrw.mix(in))).as(r).isEqualTo(str(r, "output"));
        }
    }

    @Test
    void targets() throws IOException {
        List<String> rows = objects(section(vectors(), "targets"));
        assertThat(rows).hasSizeGreaterThan(100);
        for (String r : rows) {
            List<String> targets = arr(r, "targets");
            long d = Hrw.digest(str(r, "uname"));
            String owner = Hrw.best(targets, d, Hrw::digest);
            assertThat(owner).as(r).isEqualTo(str(r, "owner"));
            assertThat(Long.toUnsignedString(Hrw.weight(Hrw.digest(owner), d)))
                    .as(r)
                    .isEqualTo(str(r, "weight"));
            assertThat(Hrw.ranked(targets, d, Hrw::digest)).as(r).isEqualTo(arr(r, "ranked"));
        }
    }

    @Test
    void mountpaths() throws IOException {
        List<String> rows = objects(section(vectors(), "mountpaths"));
        assertThat(rows).hasSizeGreaterThan(10);
        for (String r : rows) {
            List<String> mps = arr(r, "mountpaths");
            String owner = Hrw.best(mps, Hrw.digest(str(r, "uname")), Hrw::digest);
            assertThat(owner).as(r).isEqualTo(str(r, "owner"));
        }
    }
}

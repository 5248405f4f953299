package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Hrw;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared node's two mountpaths both get objects, and Ais-Location tells the truth about where. */
class TwoMountpathsIT {

    static final Pattern LOCATION = Pattern.compile("t\\[([^\\]]+)\\]:(.+)");
    static final int COUNT = 200;
    static final int SIZE = 4099;
    static NodeProcess node;
    static AisClient ais;
    static String b;
    static final Map<String, byte[]> objects = new LinkedHashMap<>();
    static final Map<String, String> locations = new HashMap<>();

    @BeforeAll
    static void setUp() {
        node = SharedNode.get();
        ais = SharedNode.client();
        b = ItEnv.bucketName("mps");
        ais.createBucket(b).expect(200);
        long seed = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            String o = "mp/obj-" + i + (i % 7 == 0 ? "/x" : "");
            byte[] d = PseudoRandomInputStream.bytes(seed + i, SIZE);
            ais.put(b, o, d).expect(200);
            objects.put(o, d);
        }
        for (String o : objects.keySet()) {
            Resp h = ais.head(b, o).expect(200);
            String loc = h.header("Ais-Location");
            assertThat(loc).as("Ais-Location of %s: %s", o, h).isNotNull();
            locations.put(o, loc);
        }
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    @Test
    void bothMountpathsHoldObjectsAndLocationIsTrue() {
        List<Path> mps = node.mountpaths().stream().map(TwoMountpathsIT::real).toList();
        String id = ais.daemonId();
        Map<Path, Map<Path, byte[]>> candidates = new HashMap<>();
        for (Path mp : mps) {
            Map<Path, byte[]> files = new HashMap<>();
            for (Path f : Mountpaths.files(mp)) {
                long s = Mountpaths.size(f);
                if (s >= SIZE && s <= SIZE + 65536) {
                    try {
                        files.put(f, Files.readAllBytes(f));
                    } catch (IOException e) {
                        // vanished: not ours
                    }
                }
            }
            candidates.put(mp, files);
        }
        Map<Path, Integer> perMountpath = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            String o = e.getKey();
            Matcher m = LOCATION.matcher(locations.get(o));
            assertThat(m.matches())
                    .as("Ais-Location %s of %s is t[ID]:mountpath", locations.get(o), o)
                    .isTrue();
            assertThat(m.group(1)).as("node id in Ais-Location of %s", o).isEqualTo(id);
            Path locMp = real(Path.of(m.group(2)));
            assertThat(mps).as("Ais-Location mountpath of %s", o).contains(locMp);
            List<Path> holders = new ArrayList<>();
            for (Path mp : mps) {
                boolean found = candidates.get(mp).values().stream().anyMatch(bytes -> contains(bytes, e.getValue()));
                if (found) {
                    holders.add(mp);
                }
            }
            if (!holders.equals(List.of(locMp))) {
                problems.add(o + ": Ais-Location says " + locMp + ", content found under " + holders);
            }
            holders.forEach(h -> perMountpath.merge(h, 1, Integer::sum));
        }
        assertThat(problems)
                .as("objects whose bytes are not (only) where Ais-Location says")
                .isEmpty();
        for (Path mp : mps) {
            assertThat(perMountpath.getOrDefault(mp, 0))
                    .as("objects on %s (of %d)", mp, COUNT)
                    .isPositive();
        }
    }

    @Test
    void mountpathIsChosenByHrw() {
        List<String> available = new ArrayList<>();
        for (JsonValue v : ais.daemon("mountpaths").expect(200).json().getJsonArray("available")) {
            available.add(((JsonString) v).getString());
        }
        assertThat(available).hasSize(2);
        List<String> wrong = new ArrayList<>();
        for (String o : objects.keySet()) {
            Matcher m = LOCATION.matcher(locations.get(o));
            assertThat(m.matches()).isTrue();
            String want = Hrw.owner(available, Hrw.uname(b, o));
            if (!m.group(2).equals(want)) {
                wrong.add(o + " on " + m.group(2) + ", HRW says " + want);
            }
        }
        assertThat(wrong)
                .as("objects not on their HRW mountpath (mountpaths %s)", available)
                .isEmpty();
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

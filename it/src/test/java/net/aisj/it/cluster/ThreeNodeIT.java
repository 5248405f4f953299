package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Lso;
import net.aisj.it.support.Resp;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared cluster (3 nodes, or 4 once {@link ScaleOutIT} has added one): one Smap everywhere; 2000 objects of
 * mixed sizes PUT through random nodes are readable byte-identical through every node, stored on their HRW owner
 * only, listed whole and in order through every node; bucket create/destroy is visible everywhere at once.
 */
@Tag("cluster")
class ThreeNodeIT {

    static final int OBJECTS = 2000;
    static final int THREADS = 8;
    static LocalCluster c;
    static String b;
    static DataSet data;

    @BeforeAll
    static void load() {
        c = SharedCluster.get();
        c.awaitSettled();
        b = ItEnv.bucketName("three");
        c.client(c.runningSlots().get(0)).createBucket(b).expect(200);
        data = DataSet.generate("obj-", OBJECTS, 64, 100, 7);
        data.putAll(c, b, c.runningSlots(), THREADS);
    }

    @AfterAll
    static void cleanUp() {
        if (c != null && b != null) {
            c.client(c.runningSlots().get(0)).destroyQuietly(b);
        }
    }

    @Test
    void everyNodeAnswersTheSameSmapListingEveryNodeAsTarget() {
        assertThat(SharedCluster.initialSmap().tmap())
                .as("targets right after the 3 nodes started")
                .hasSize(SharedCluster.INITIAL);
        Smap m = c.awaitSettled();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(m.tmap().keySet()).as("targets of %s", m.brief()).isEqualTo(c.runningIds());
        for (int s : c.runningSlots()) {
            soft.assertThat(m.tmap().get(c.id(s)).url())
                    .as("direct_url of node%d", s)
                    .isEqualTo(c.url(s));
            soft.assertThat(m.tmap().get(c.id(s)).flags())
                    .as("flags of node%d", s)
                    .isZero();
        }
        soft.assertThat(m.primaryId()).as("proxy_si").isIn(c.runningIds());
        if (!m.pmap().isEmpty()) {
            soft.assertThat(m.pmap()).as("pmap").containsKey(m.primaryId());
        }
        soft.assertAll();
    }

    @Test
    void everyObjectIsReadableByteIdenticalThroughEveryNode() {
        List<String> failures = data.verifyAll(c, b, c.runningSlots(), THREADS);
        assertThat(failures).as(DataSet.describe(failures)).isEmpty();
    }

    @Test
    void everyObjectIsStoredOnItsHrwOwnerOnly() {
        Smap m = c.awaitSettled();
        List<String> errors = c.placement().errors(m, b, data.names(), Set.of());
        assertThat(errors).as("placement by %s", m.brief()).isEmpty();
        for (int s : c.runningSlots()) {
            assertThat(c.placement().storedNames(s, b))
                    .as("node%d holds a share of the objects", s)
                    .isNotEmpty();
        }
    }

    @Test
    void aNonOwnerRedirectsToTheHrwOwnerWhichAnswersItself() {
        Smap m = c.awaitSettled();
        Map<String, String> owners = Placement.owners(m, b, data.names());
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (String o : data.names()) {
            if (checked++ >= 60) {
                break;
            }
            int owner = c.slotOf(owners.get(o));
            for (int s : c.runningSlots()) {
                Resp r = c.client(s).get(b, o);
                if (s == owner) {
                    soft.assertThat(r.status())
                            .as("GET %s from its owner node%d: %s", o, s, r)
                            .isEqualTo(200);
                } else {
                    soft.assertThat(r.status())
                            .as("GET %s from node%d (owner node%d): %s", o, s, owner, r)
                            .isEqualTo(307);
                    soft.assertThat(r.header("Location"))
                            .as("Location of %s", r)
                            .startsWith(c.url(owner) + AisClient.objPath(b, o));
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void listingThroughEveryNodeReturnsAllNamesInOrderInPagesOf500() {
        List<String> expected = data.names();
        SoftAssertions soft = new SoftAssertions();
        for (int s : c.runningSlots()) {
            for (boolean msgpack : new boolean[] {false, true}) {
                if (msgpack && s != c.runningSlots().get(0)) {
                    continue; // msgpack through one node is enough
                }
                String what = "listing through node" + s + (msgpack ? " (msgpack)" : "");
                List<Lso.Page> pages = c.client(s).listAll(b, new Lso.Msg().pageSize(500), msgpack, 10);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < pages.size(); i++) {
                    Lso.Page p = pages.get(i);
                    if (i < pages.size() - 1) {
                        soft.assertThat(p.entries())
                                .as("%s: page %d of %d", what, i + 1, pages.size())
                                .hasSize(500);
                    }
                    for (Lso.Entry e : p.entries()) {
                        names.add(e.name());
                        DataSet.Obj o = data.get(e.name());
                        if (o != null) {
                            soft.assertThat(e.size())
                                    .as("%s: size of %s", what, e.name())
                                    .isEqualTo((long) o.size());
                        }
                    }
                }
                soft.assertThat(pages.size()).as("%s: number of pages", what).isBetween(4, 5);
                soft.assertThat(names).as(what).isEqualTo(expected);
            }
        }
        soft.assertAll();
    }

    @Test
    void bucketCreateAndDestroyAreVisibleOnEveryNodeWhenTheCallReturns() {
        List<Integer> slots = c.runningSlots();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < slots.size(); i++) {
            int creator = slots.get(i);
            int destroyer = slots.get((i + 1) % slots.size());
            String x = ItEnv.bucketName("vis");
            c.client(creator).createBucket(x).expect(200);
            for (int s : slots) {
                Resp h = c.client(s).headBucket(x);
                soft.assertThat(h.status())
                        .as("HEAD %s on node%d right after node%d created it: %s", x, s, creator, h)
                        .isEqualTo(200);
            }
            c.client(destroyer).destroyBucket(x).expect(200);
            for (int s : slots) {
                Resp h = c.client(s).headBucket(x);
                soft.assertThat(h.status())
                        .as("HEAD %s on node%d right after node%d destroyed it: %s", x, s, destroyer, h)
                        .isEqualTo(404);
            }
        }
        soft.assertAll();
    }
}

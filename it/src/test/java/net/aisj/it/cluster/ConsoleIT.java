package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.aisj.it.support.Browser;
import net.aisj.it.support.Hrw;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The web console in a real headless Chromium against the shared 3-node cluster, served by one node (a non-victim):
 * the dashboard lists every node; a bucket is created with mirror props through the form (after its inline
 * validation refused a bad name); two files are uploaded through the page (one owned by another node, so the upload
 * follows a cross-origin redirect) and appear in the object browser; both download byte-identical; a rebalance
 * started on the jobs page reaches "finished" (a kind the cluster lacks shows the server's error); an ETL is shown
 * running with every node's transformer output, stopped, started and deleted from its page; a node put in
 * maintenance on the cluster page shows its new state, and back; the objects and the bucket are deleted through the
 * page. Screenshots of each page go to {@code target/it-work/console-screenshots}; the browser console must stay
 * free of errors other than the refused job start.
 */
@Tag("cluster")
class ConsoleIT {

    static LocalCluster c;
    static Browser browser;
    static String bucket;
    static String victimId;

    @AfterAll
    static void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        if (c == null) {
            return;
        }
        int via = c.runningSlots().get(0);
        if (victimId != null) {
            c.jobs().stopMaintenanceIfOn(via, victimId);
        }
        if (bucket != null) {
            c.client(via).destroyQuietly(bucket);
        }
    }

    @Test
    void operatorRunsTheClusterFromTheBrowser() throws IOException {
        c = SharedCluster.get();
        Smap m0 = c.awaitSettled();
        int victim = c.nonPrimarySlot(m0);
        victimId = c.id(victim);
        int home =
                c.runningSlots().stream().filter(s -> s != victim).findFirst().orElseThrow();
        String homeId = c.id(home);
        String base = c.url(home) + "/console/";
        browser = new Browser(ItEnv.workDir());

        // ---- dashboard: every node, online
        browser.open(base);
        int nodes = c.runningIds().size();
        browser.awaitText(By.id("node-count"), String.valueOf(nodes));
        browser.await(
                "a row per node, all online",
                d -> d.findElements(By.cssSelector("#nodes-table tbody tr .state.online"))
                                .size()
                        == nodes);
        browser.await(
                "the dashboard says there is no authentication",
                d -> d.findElement(By.id("auth-state")).getText().contains("no authentication"));
        browser.await(By.cssSelector("#main progress"));
        browser.screenshot("1-dashboard");

        // ---- create a bucket with mirror props (inline validation first)
        bucket = ItEnv.bucketName("console");
        browser.click(By.id("nav-buckets"));
        WebElement name = browser.await(By.id("b-name"));
        name.sendKeys("bad name");
        browser.await(
                "inline error for a bad name",
                d -> "true".equals(name.getAttribute("aria-invalid"))
                        && !d.findElement(By.id("b-name-err")).getText().isEmpty());
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), bucket);
        browser.await("the name is accepted", d -> "false".equals(name.getAttribute("aria-invalid")));
        browser.click(By.id("b-mirror"));
        WebElement copies = browser.await(By.id("b-copies"));
        copies.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
        browser.click(By.id("create-submit"));
        browser.await(By.cssSelector("tr[data-bucket='" + bucket + "']"));
        JsonObject props = jakarta.json.Json.createReader(new java.io.StringReader(
                        c.client(home).headBucket(bucket).expect(200).header("Ais-Bucket-Props")))
                .readObject();
        assertThat(props.getJsonObject("mirror").getBoolean("enabled"))
                .as("mirror.enabled of %s", props)
                .isTrue();
        assertThat(props.getJsonObject("mirror").getInt("copies")).isEqualTo(2);
        browser.screenshot("2-buckets");

        // ---- upload two files: one the console's node owns, one another node owns (redirected)
        List<String> targets = new ArrayList<>(m0.tmap().keySet());
        String local = nameOwnedBy(targets, homeId, true);
        String remote = nameOwnedBy(targets, homeId, false);
        Path dir = Files.createDirectories(ItEnv.workDir().resolve("console-upload-" + ItEnv.randomHex(4)));
        byte[] localBytes = randomBytes(300 * 1024 + 7, 1);
        byte[] remoteBytes = randomBytes(64 * 1024 + 3, 2);
        Path f1 = Files.write(dir.resolve(local), localBytes);
        Path f2 = Files.write(dir.resolve(remote), remoteBytes);
        browser.click(By.cssSelector("tr[data-bucket='" + bucket + "'] a"));
        // the bucket page renders after the click: wait for its upload input, do not race it
        browser.await(By.id("upload-files")).sendKeys(f1 + "\n" + f2);
        for (String n : List.of(local, remote)) {
            browser.await(
                    "upload of " + n + " done",
                    d -> d.findElements(By.cssSelector("li[data-upload='" + n + "'][data-state='done']"))
                                    .size()
                            == 1);
            browser.await(By.cssSelector("tr[data-object='" + n + "']"));
        }
        assertThat(c.get(home, bucket, local).resp().expect(200).body()).isEqualTo(localBytes);
        Followed viaRedirect = c.get(home, bucket, remote);
        assertThat(viaRedirect.hops()).as("%s is owned by another node", remote).isEqualTo(1);
        assertThat(viaRedirect.resp().expect(200).body()).isEqualTo(remoteBytes);
        browser.screenshot("3-objects");

        // ---- download both through the page: byte-identical
        for (String n : List.of(local, remote)) {
            browser.click(By.cssSelector("a[aria-label='Download " + n + "']"));
        }
        Poll.until(
                Browser.WAIT,
                "both downloads complete in " + browser.downloads(),
                () -> Files.exists(browser.downloads().resolve(local))
                        && Files.exists(browser.downloads().resolve(remote))
                        && Files.size(browser.downloads().resolve(local)) == localBytes.length
                        && Files.size(browser.downloads().resolve(remote)) == remoteBytes.length,
                () -> String.valueOf(
                        browser.downloads().toFile().list() == null
                                ? List.of()
                                : List.of(browser.downloads().toFile().list())));
        assertThat(Files.readAllBytes(browser.downloads().resolve(local))).isEqualTo(localBytes);
        assertThat(Files.readAllBytes(browser.downloads().resolve(remote))).isEqualTo(remoteBytes);

        // ---- properties of the remote object name its owner
        browser.click(By.cssSelector("button[aria-label='Properties of " + remote + "']"));
        WebElement propsPanel = browser.await(By.id("props"));
        browser.await("properties show the owner", d -> propsPanel.getText().contains("t["));
        assertThat(propsPanel.getText())
                .doesNotContain("t[" + homeId + "]")
                .contains(String.valueOf(remoteBytes.length));
        browser.screenshot("4-properties");

        // ---- jobs: a resilver and a rebalance started from the page run to the end
        browser.click(By.id("nav-jobs"));
        String resilverBefore = latestJob(home, "resilver");
        browser.click(By.id("start-resilver"));
        String[] resilver = new String[1];
        Poll.until(Browser.WAIT, "a new resilver is listed", () -> {
            resilver[0] = latestJob(home, "resilver");
            return resilver[0] != null && !resilver[0].equals(resilverBefore);
        });
        browser.awaitText(By.cssSelector("tr[data-job='" + resilver[0] + "'] .state"), "finished");
        String before = latestRebalance(home);
        browser.click(By.id("start-rebalance"));
        String[] started = new String[1];
        Poll.until(Browser.WAIT, "a new rebalance is listed", () -> {
            started[0] = latestRebalance(home);
            return started[0] != null && !started[0].equals(before);
        });
        browser.awaitText(By.cssSelector("tr[data-job='" + started[0] + "'] .state"), "finished");
        browser.screenshot("5-jobs");

        // ---- ETL: a transformer on every node, its logs, stop / start / delete from the page
        String etl = net.aisj.it.etl.Transformers.name("console");
        net.aisj.it.etl.Transformers.init(
                        c.client(home),
                        net.aisj.it.etl.Transformers.spec(
                                etl, "hpush://", "1m", java.util.Map.of("TRANSFORM", "upper")))
                .expect(200);
        browser.click(By.id("nav-etl"));
        By etlState = By.cssSelector("tr[data-etl='" + etl + "'] .state");
        browser.awaitText(etlState, "Running");
        browser.click(By.cssSelector("tr[data-etl='" + etl + "'] button[aria-label='Logs of " + etl + "']"));
        browser.await(
                "every node's transformer output is shown",
                d -> d.findElements(By.cssSelector("#etl-logs pre.logs")).size()
                                == c.runningIds().size()
                        && d.findElements(By.cssSelector("#etl-logs pre.logs")).stream()
                                .allMatch(e -> e.getText().contains("transformer: mode upper listening")));
        browser.screenshot("5b-etl");
        browser.click(By.cssSelector("tr[data-etl='" + etl + "'] button[aria-label='Stop " + etl + "']"));
        browser.awaitText(etlState, "Aborted");
        browser.click(By.cssSelector("tr[data-etl='" + etl + "'] button[aria-label='Start " + etl + "']"));
        browser.awaitText(etlState, "Running");
        browser.click(By.cssSelector("tr[data-etl='" + etl + "'] button[aria-label='Delete " + etl + "']"));
        browser.click(By.id("confirm-ok"));
        browser.await(
                "the ETL is gone from the page", d -> d.findElements(etlState).isEmpty());
        assertThat(c.client(home).send("GET", "/v1/etl/" + etl).status()).isEqualTo(404);

        // ---- cluster: maintenance on and off, with the state shown
        browser.click(By.id("nav-cluster"));
        browser.click(By.cssSelector("tr[data-node='" + victimId + "'] button[data-action='start-maintenance']"));
        browser.click(By.id("confirm-ok"));
        browser.awaitText(By.cssSelector("tr[data-node='" + victimId + "'] .state"), "maintenance");
        browser.await(
                "the maintenance rebalance finishes",
                d -> d.findElements(By.cssSelector("#op-progress .state")).stream()
                        .anyMatch(e -> e.getText().equals("finished")));
        browser.screenshot("6-cluster-maintenance");
        browser.click(By.cssSelector("tr[data-node='" + victimId + "'] button[data-action='stop-maintenance']"));
        browser.click(By.id("confirm-ok"));
        browser.awaitText(By.cssSelector("tr[data-node='" + victimId + "'] .state"), "online");
        c.awaitSmap(
                victimId + " back in service",
                LocalCluster.SMAP_TIMEOUT,
                m -> !m.tmap().get(victimId).inMaintenance());

        // ---- delete both objects (multi-select), then the bucket
        browser.open(base + "#/objects/" + bucket);
        for (String n : List.of(local, remote)) {
            browser.click(By.cssSelector("input[data-name='" + n + "']"));
        }
        browser.click(By.id("delete-selected"));
        browser.click(By.id("confirm-ok"));
        browser.await(
                "the bucket is empty",
                d -> d.findElements(By.cssSelector("tr[data-object]")).isEmpty()
                        && d.findElement(By.id("object-list")).getText().contains("Nothing here"));
        assertThat(c.get(home, bucket, local).status()).isEqualTo(404);
        browser.click(By.id("nav-buckets"));
        browser.click(By.cssSelector("button[aria-label='Destroy " + bucket + "']"));
        browser.await(By.id("confirm-typed")).sendKeys(bucket);
        browser.click(By.id("confirm-ok"));
        browser.await(
                "the bucket row is gone",
                d -> d.findElements(By.cssSelector("tr[data-bucket='" + bucket + "']"))
                                .isEmpty()
                        && d.findElements(By.id("bucket-list")).size() == 1);
        assertThat(c.client(home).headBucket(bucket).status()).isEqualTo(404);
        bucket = null;
        browser.screenshot("7-buckets-after");

        // ---- a phone-sized window: the dashboard fits its width (wide tables scroll inside their card)
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(base + "#/dashboard");
        browser.awaitText(By.id("node-count"), String.valueOf(nodes));
        Object overflow = ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue())
                .as("horizontal overflow on a phone")
                .isLessThanOrEqualTo(0);
        browser.screenshot("8-phone-dashboard");

        // ---- the console logged no errors
        List<String> errors = browser.consoleLog().stream()
                .filter(e -> e.getLevel().intValue() >= 900)
                .map(LogEntry::getMessage)
                .filter(msg -> !(msg.contains("/v1/cluster") && msg.contains("400")))
                .toList();
        assertThat(errors).as("browser console warnings and errors").isEmpty();
    }

    /** The id of the newest rebalance any node knows, or null. */
    private static String latestRebalance(int via) {
        return latestJob(via, "rebalance");
    }

    /** The id of the newest job of {@code kind} any node knows, or null. */
    private static String latestJob(int via, String kind) {
        JsonObject all = c.jobs().qryxstats(via, null, kind);
        String best = null;
        String bestStart = "";
        for (String node : all.keySet()) {
            for (var v : all.getJsonArray(node)) {
                JsonObject s = v.asJsonObject();
                if (s.getString("start-time").compareTo(bestStart) > 0) {
                    bestStart = s.getString("start-time");
                    best = s.getString("id");
                }
            }
        }
        return best;
    }

    private static String nameOwnedBy(List<String> targets, String nodeId, boolean owned) {
        for (int i = 0; ; i++) {
            String n = (owned ? "mine-" : "theirs-") + i + ".bin";
            if (Hrw.owner(targets, Hrw.uname(bucket, n)).equals(nodeId) == owned) {
                return n;
            }
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}

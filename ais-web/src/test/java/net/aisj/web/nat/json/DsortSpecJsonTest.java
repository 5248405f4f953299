package net.aisj.web.nat.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import net.aisj.cluster.DsortJson;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.dsort.DsortSpec;
import org.junit.jupiter.api.Test;

class DsortSpecJsonTest {

    static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s.replace('\'', '"')))) {
            return r.readObject();
        }
    }

    static final String BASE = "'input_bck':{'name':'src'},'input_format':{'template':'shard-{0..9}'},"
            + "'output_format':'new-{0000..1000}','output_shard_size':'10KB'";

    static DsortSpec parse(String extra) {
        return DsortSpecJson.parse(json("{" + BASE + (extra.isEmpty() ? "" : "," + extra) + "}"));
    }

    static void bad(String extra, String message) {
        assertThatThrownBy(() -> parse(extra))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("invalid dsort spec")
                .hasMessageContaining(message)
                .extracting(e -> ((AisException) e).kind())
                .isEqualTo(AisException.Kind.BAD_REQUEST);
    }

    @Test
    void aisExampleSpecWithDefaults() {
        DsortSpec s = parse("'output_bck':{'name':'dst'},'algorithm':{'kind':'alphanumeric'}");
        assertThat(s.input()).isEqualTo(BucketId.ais("src"));
        assertThat(s.output()).isEqualTo(BucketId.ais("dst"));
        assertThat(s.shardSize()).isEqualTo(10 * 1024);
        assertThat(s.inputExt()).isEqualTo(".tar");
        assertThat(s.outputExt()).isEqualTo(".tar");
        assertThat(s.inputNames()).hasSize(10).startsWith("shard-0.tar", "shard-1.tar");
        assertThat(s.outputNames().iterator().next()).isEqualTo("new-0000.tar");
        assertThat(s.algorithm().kind()).isEqualTo(DsortSpec.Kind.ALPHANUMERIC);
        assertThat(parse("").output()).as("output bucket defaults to input").isEqualTo(BucketId.ais("src"));
    }

    @Test
    void extensionsFromTemplatesAndFields() {
        DsortSpec s = DsortSpecJson.parse(json("{'input_bck':{'name':'src'},'input_format':{'template':"
                + "'a-{0..2}.tgz'},'output_format':'b-{0..9}.zip','output_shard_size':'1MiB'}"));
        assertThat(s.inputNames()).containsExactly("a-0.tgz", "a-1.tgz", "a-2.tgz");
        assertThat(s.outputExt()).isEqualTo(".zip");
        assertThat(parse("'output_extension':'.tar.lz4'")
                        .outputNames()
                        .iterator()
                        .next())
                .isEqualTo("new-0000.tar.lz4");
        bad("'input_extension':'.rar'", "input_extension");
        assertThatThrownBy(
                        () -> DsortSpecJson.parse(
                                json(
                                        "{'input_bck':{'name':'src'},'input_format':{'template':"
                                                + "'a-{0..2}.tgz'},'input_extension':'.zip','output_format':'b-{0..9}','output_shard_size':'1M'}")))
                .hasMessageContaining("input_extension");
    }

    @Test
    void algorithms() {
        DsortSpec sh = parse("'algorithm':{'kind':'shuffle','seed':'77'}");
        assertThat(sh.algorithm().kind()).isEqualTo(DsortSpec.Kind.SHUFFLE);
        assertThat(sh.algorithm().seed()).isEqualTo(77);
        DsortSpec ct = parse(
                "'algorithm':{'kind':'content','extension':'.cls','content_key_type':'int'," + "'decreasing':true}");
        assertThat(ct.algorithm().keyType()).isEqualTo(DsortSpec.KeyType.INT);
        assertThat(ct.algorithm().decreasing()).isTrue();
        bad("'algorithm':{'kind':'bubble'}", "kind \"bubble\"");
        bad("'algorithm':{'kind':'shuffle','seed':'x'}", "seed");
        bad("'algorithm':{'kind':'content','extension':'cls','content_key_type':'int'}", "extension");
        bad("'algorithm':{'kind':'content','extension':'.cls','content_key_type':'date'}", "content_key_type");
    }

    @Test
    void sizesAndCounts() {
        assertThat(parse("'output_shard_size':'2.5MiB'").shardSize()).isEqualTo(2621440);
        assertThat(parse("'output_shard_size':'1G'").shardSize()).isEqualTo(1L << 30);
        assertThat(parse("'output_shard_size':'','output_shard_records':100").shardRecords())
                .isEqualTo(100);
        bad("'output_shard_size':'ten'", "output_shard_size");
        bad("'output_shard_size':''", "output_shard_size");
        bad("'output_shard_size':'5XB'", "output_shard_size");
        bad("'max_mem_usage':'180%'", "max_mem_usage");
        assertThat(parse("'max_mem_usage':'2GiB'").maxMemUsage()).isEqualTo(2L << 30);
    }

    @Test
    void externalKeyMapInJsonOrLines() {
        DsortSpec s = DsortSpecJson.parse(json("{'input_bck':{'name':'src'},'input_format':{'template':'a-{0..2}'},"
                + "'output_shard_size':'1MiB','ekm_file':'http://127.0.0.1:8080/v1/objects/b/ekm.json'}"));
        assertThat(s.ekmSep()).isEqualTo("\t");
        var m = s.checkKeyMap(DsortJson.keyMap(
                "{\"cats-{0..9}\": [\"^cat/\"], \"dogs-{00..99}\": [\"^dog/\", \"^puppy/\"]}", s.ekmSep()));
        assertThat(m.lookup("puppy/x")).isEqualTo("dogs-{00..99}");
        assertThat(m.lookup("cat/y")).isEqualTo("cats-{0..9}");
        var lines = s.checkKeyMap(DsortJson.keyMap("^cat/ cats-{0..9}\n^dog/ dogs-{0..9}", " "));
        assertThat(lines.templates()).containsExactly("cats-{0..9}", "dogs-{0..9}");
        assertThatThrownBy(() -> s.checkKeyMap(DsortJson.keyMap("{\"cats\": [\"^cat/\"]}", "\t")))
                .hasMessageContaining("has no range");
        assertThatThrownBy(() -> s.checkKeyMap(DsortJson.keyMap("", "\t"))).hasMessageContaining("is empty");
    }

    @Test
    void missingOrUnsupportedFields() {
        assertThatThrownBy(() -> DsortSpecJson.parse(json("{'input_format':{'template':'a-{0..1}'},"
                        + "'output_format':'b-{0..1}','output_shard_size':'1M'}")))
                .hasMessageContaining("input_bck");
        bad("'output_format':'no-range'", "output_format");
        bad("'output_format':''", "output_format");
        bad("'ekm_file':'ftp://x/ekm'", "ekm_file");
        bad("'input_format':{'template':''}", "template");
        bad("'input_format':{'objnames':['a','b']}", "objnames");
        bad("'input_format':{'template':'a-{5..1}'}", "");
        bad("'output_bck':{'name':'x','provider':'aws'}", "provider");
    }
}

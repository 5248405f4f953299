package net.aisj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.client.Etl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ais etl init|show|view-logs|stop|start|rm|object|bucket}: AIS's ETL verbs over {@code /v1/etl}. Spec files
 * are AIS's runtime specs in YAML (or JSON), several in one file separated by {@code ---}.
 */
@Command(
        name = "etl",
        description = "Initialize, show, stop, start and remove ETLs; transform an object or a bucket with one.",
        subcommands = {
            EtlCommand.Init.class,
            EtlCommand.Show.class,
            EtlCommand.Logs.class,
            EtlCommand.Stop.class,
            EtlCommand.Start.class,
            EtlCommand.Remove.class,
            EtlCommand.ObjectTransform.class,
            EtlCommand.BucketTransform.class
        })
final class EtlCommand {

    @ParentCommand
    Ais ais;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Command(
            name = "init",
            description = "Initialize ETLs from a runtime spec file (ais etl init -f spec.yaml [--name N]).")
    static final class Init implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        EtlCommand cmd;

        @Option(
                names = {"-f", "--spec"},
                required = true,
                paramLabel = "FILE",
                description = "YAML or JSON runtime spec(s) ('-': stdin)")
        String file;

        @Option(names = "--name", description = "the ETL's name (overrides the spec's; one spec only)")
        String name;

        @Option(names = "--comm-type", description = "hpush, hpull (overrides the spec's 'communication')")
        String commType;

        @Option(names = "--init-timeout", description = "e.g. 5m (overrides the spec's)")
        String initTimeout;

        @Option(names = "--object-timeout", description = "e.g. 45s (overrides the spec's 'obj_timeout')")
        String objTimeout;

        @Override
        public Integer call() throws IOException {
            List<ObjectNode> specs = read(cmd.spec.commandLine());
            if (name != null && specs.size() > 1) {
                throw new CommandLine.ParameterException(
                        cmd.spec.commandLine(), "--name applies to one spec; " + file + " holds " + specs.size());
            }
            for (ObjectNode s : specs) {
                if (name != null) {
                    s.put("name", name);
                }
                if (commType != null) {
                    s.put("communication", commType.contains("://") ? commType : commType + "://");
                }
                if (initTimeout != null) {
                    s.put("init_timeout", initTimeout);
                }
                if (objTimeout != null) {
                    s.put("obj_timeout", objTimeout);
                }
                if (!s.hasNonNull("name") || s.get("name").asText().isBlank()) {
                    throw new CommandLine.ParameterException(
                            cmd.spec.commandLine(), "the spec in " + file + " has no name (give --name)");
                }
                String job = cmd.ais.client().initEtl(new ObjectMapper().writeValueAsString(s));
                cmd.ais.out().println("ETL[" + s.get("name").asText() + "]: job \"" + job + "\"");
            }
            return 0;
        }

        private List<ObjectNode> read(CommandLine cl) throws IOException {
            List<ObjectNode> out = new ArrayList<>();
            try (InputStream in = "-".equals(file) ? System.in : open(Path.of(file));
                    MappingIterator<JsonNode> docs =
                            new YAMLMapper().readerFor(JsonNode.class).readValues(in)) {
                while (docs.hasNextValue()) {
                    JsonNode n = docs.nextValue();
                    if (n == null || n.isNull() || n.isMissingNode()) {
                        continue; // an empty document (e.g. a trailing ---)
                    }
                    if (!(n instanceof ObjectNode o)) {
                        throw new CommandLine.ParameterException(cl, file + ": an ETL spec must be a mapping");
                    }
                    out.add(o);
                }
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new CommandLine.ParameterException(
                        cl, file + " is not a valid YAML/JSON spec: " + e.getOriginalMessage());
            }
            if (out.isEmpty()) {
                throw new CommandLine.ParameterException(cl, file + " holds no ETL spec");
            }
            return out;
        }

        private static InputStream open(Path p) throws IOException {
            if (!Files.isRegularFile(p)) {
                throw new IOException("no such file: " + p);
            }
            return Files.newInputStream(p);
        }
    }

    @Command(name = "show", aliases = "ls", description = "List ETLs, or show one's details (ais etl show [NAME]).")
    static final class Show implements Runnable {
        @ParentCommand
        EtlCommand cmd;

        @Parameters(arity = "0..1", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            Ais ais = cmd.ais;
            if (name == null) {
                List<Etl.Info> all = ais.client().listEtls();
                if (ais.json) {
                    ais.printJson(all);
                    return;
                }
                ais.out().printf("%-24s %-10s %-24s %8s %10s %10s%n", "NAME", "STAGE", "JOB", "OBJECTS", "IN", "OUT");
                for (Etl.Info e : all) {
                    ais.out()
                            .printf(
                                    "%-24s %-10s %-24s %8d %10s %10s%n",
                                    e.name(),
                                    e.stage(),
                                    e.jobId(),
                                    e.objects(),
                                    Progress.size(e.inBytes()),
                                    Progress.size(e.outBytes()));
                }
                return;
            }
            Etl.Details d = ais.client().etl(name).details();
            if (ais.json) {
                ais.printJson(d);
                return;
            }
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("name", d.name());
            rows.put("stage", d.stage() + (d.reason().isEmpty() ? "" : " (" + d.reason() + ")"));
            try {
                JsonNode init = new ObjectMapper().readTree(d.initMsg());
                init.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("name")) {
                        rows.put(
                                f.getKey(),
                                f.getValue().isValueNode()
                                        ? f.getValue().asText()
                                        : f.getValue().toString());
                    }
                });
            } catch (IOException e) {
                rows.put("init_msg", d.initMsg());
            }
            rows.forEach((k, v) -> ais.out().printf("%-16s %s%n", k.toUpperCase(java.util.Locale.ROOT), v));
            if (!d.errors().isEmpty()) {
                ais.out().printf("%nOBJECT ERRORS (%d)%n", d.errors().size());
                d.errors().forEach(e -> ais.out().printf("  %s: %s%n", e.object(), e.message()));
            }
        }
    }

    @Command(
            name = "view-logs",
            aliases = "logs",
            description = "Print an ETL's transformer output (ais etl view-logs NAME [TARGET_ID]).")
    static final class Logs implements Runnable {
        @ParentCommand
        EtlCommand cmd;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET_ID")
        String target;

        @Override
        public void run() {
            Map<String, byte[]> logs = cmd.ais.client().etl(name).logs(target);
            logs.forEach((t, text) -> {
                if (target == null) {
                    cmd.ais.out().println("--- " + t + " ---");
                }
                cmd.ais.out().print(new String(text, StandardCharsets.UTF_8));
                if (text.length > 0 && text[text.length - 1] != '\n') {
                    cmd.ais.out().println();
                }
            });
        }
    }

    /** A verb applied to each named ETL in turn, printing {@code ETL[<name>] <what it did>} after each. */
    abstract static class EachEtl implements Runnable {
        @ParentCommand
        EtlCommand cmd;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        /** Does the verb; returns what was done. */
        abstract String apply(Etl etl);

        @Override
        public void run() {
            for (String n : names) {
                cmd.ais.out().println("ETL[" + n + "] " + apply(cmd.ais.client().etl(n)));
            }
        }
    }

    @Command(name = "stop", description = "Stop ETLs (their transformers end; ais etl start runs them again).")
    static final class Stop extends EachEtl {
        @Override
        String apply(Etl etl) {
            etl.stop();
            return "stopped";
        }
    }

    @Command(name = "start", description = "Start stopped ETLs again.")
    static final class Start extends EachEtl {
        @Override
        String apply(Etl etl) {
            return "started: job \"" + etl.start() + "\"";
        }
    }

    @Command(name = "rm", description = "Remove ETLs.")
    static final class Remove extends EachEtl {
        @Override
        String apply(Etl etl) {
            etl.remove();
            return "removed";
        }
    }

    @Command(
            name = "object",
            description = "Transform one object (ais etl object NAME ais://b/obj [FILE]; '-' or none: stdout).")
    static final class ObjectTransform implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        EtlCommand cmd;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "OBJECT")
        String object;

        @Parameters(index = "2", arity = "0..1", paramLabel = "FILE")
        String file;

        @Option(names = "--args", description = "passed to the transformer (AIS's etl_args)")
        String args;

        @Override
        public Integer call() throws IOException {
            Names n = Names.parse(object, cmd.spec.commandLine()).requireObject(cmd.spec.commandLine());
            InputStream body =
                    cmd.ais.client().etl(name).transform(cmd.ais.client().bucket(n.bucket()), n.object(), args);
            Download.to(body, file, cmd.ais);
            return 0;
        }
    }

    @Command(
            name = "bucket",
            description = "Transform a bucket into another (ais etl bucket NAME ais://src ais://dst; a job).")
    static final class BucketTransform implements Runnable {
        @ParentCommand
        EtlCommand cmd;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "SRC_BUCKET")
        String from;

        @Parameters(index = "2", paramLabel = "DST_BUCKET")
        String to;

        @Option(names = "--prefix", description = "only objects whose names start with this")
        String prefix;

        @Option(names = "--prepend", description = "prefix added to every destination name")
        String prepend;

        @Option(names = "--ext", description = "extension changes, as AIS writes them: \"{flac:wav, jpg:png}\"")
        String ext;

        @picocli.CommandLine.Mixin
        WaitOptions wait;

        @Override
        public void run() {
            CommandLine cl = cmd.spec.commandLine();
            var src = cmd.ais.client().bucket(Names.parse(from, cl).bucket());
            var dst = cmd.ais.client().bucket(Names.parse(to, cl).bucket());
            String job = cmd.ais.client().etl(name).transformBucket(src, dst, prefix, prepend, extensions(cl));
            wait.finish(cmd.ais, job, "etl-bck", "etl-bck[" + job + "] " + src + " => " + dst + " done");
        }

        /** {@code "{flac:wav, jpg:png}"} (braces optional) as a map. */
        private Map<String, String> extensions(CommandLine cl) {
            Map<String, String> out = new LinkedHashMap<>();
            if (ext == null || ext.isBlank()) {
                return out;
            }
            String s = ext.strip();
            if (s.startsWith("{") && s.endsWith("}")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String pair : s.split(",")) {
                String[] kv = pair.split(":", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    throw new CommandLine.ParameterException(
                            cl, "--ext: expected \"{from:to, ...}\", got \"" + ext + "\"");
                }
                out.put(kv[0].strip().replaceFirst("^\\.", ""), kv[1].strip().replaceFirst("^\\.", ""));
            }
            return out;
        }
    }
}

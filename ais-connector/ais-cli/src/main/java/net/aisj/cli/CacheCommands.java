package net.aisj.cli;

import java.util.List;
import net.aisj.client.Bucket;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ais prefetch} and {@code ais evict}, as AIS's CLI: fill the cluster's cache from a remote bucket, or drop
 * cached copies, for a list of objects, a template, a prefix or the whole bucket; prints the job id, or with
 * {@code --wait} waits for the job with its progress.
 */
final class CacheCommands {

    private CacheCommands() {}

    /** What both commands take. */
    abstract static class Selection implements Runnable {
        @ParentCommand
        Ais ais;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(
                paramLabel = "BUCKET",
                description = "s3://bucket (or gs://, az://, ht://, ais://@remote); bucket/prefix also selects")
        String bucket;

        @Option(names = "--list", split = ",", description = "comma-separated object names")
        List<String> list;

        @Option(names = "--template", description = "a range template, e.g. shard-{0000..0099}.tar")
        String template;

        @Option(names = "--prefix", description = "every object whose name starts with this")
        String prefix;

        @Mixin
        WaitOptions wait;

        abstract String kind();

        abstract String start(Bucket b, List<String> names, String template);

        @Override
        public void run() {
            Names n = Names.parse(bucket, spec.commandLine());
            int given = (list == null || list.isEmpty() ? 0 : 1)
                    + (template == null ? 0 : 1)
                    + (prefix == null ? 0 : 1)
                    + (n.object().isEmpty() ? 0 : 1);
            if (given > 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "give one of --list, --template, --prefix or bucket/prefix");
            }
            String tpl = template != null ? template : prefix != null ? prefix : n.object();
            String id = start(ais.client().bucket(n.bucket()), list, tpl);
            wait.finish(ais, id, kind(), kind() + "[" + id + "] done");
        }
    }

    @Command(name = "prefetch", description = "Fetch objects of a remote bucket into the cluster (a job).")
    static final class Prefetch extends Selection {
        @Override
        String kind() {
            return "prefetch-listrange";
        }

        @Override
        String start(Bucket b, List<String> names, String template) {
            return b.prefetch(names, template);
        }
    }

    @Command(name = "evict", description = "Drop the cluster's cached copies of objects of a remote bucket (a job).")
    static final class Evict extends Selection {
        @Override
        String kind() {
            return "evict-listrange";
        }

        @Override
        String start(Bucket b, List<String> names, String template) {
            return b.evict(names, template);
        }
    }
}

package net.aisj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.List;
import net.aisj.client.AisClient;
import net.aisj.client.AisClientException;
import net.aisj.client.ClusterView;
import net.aisj.client.ObjectEntry;
import net.aisj.connector.api.BucketId;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ais}: the root command, its shared options, and the commands that need no group. */
@Command(
        name = "ais",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // -h/--help and -V/--version on every subcommand too
        version = "ais (aisj) 0.1.0",
        description = "Command line of the object store (AIS's verbs). Endpoint: --endpoint or AIS_ENDPOINT.",
        subcommands = {
            Ais.Ls.class,
            BucketCommand.class,
            ObjectCommand.class,
            JobCommand.class,
            EtlCommand.class,
            CacheCommands.Prefetch.class,
            CacheCommands.Evict.class,
            Ais.Show.class,
            Ais.Completion.class
        })
public final class Ais {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--endpoint",
            scope = CommandLine.ScopeType.INHERIT,
            description = "a node's URL (default: AIS_ENDPOINT, else http://127.0.0.1:8080)")
    String endpoint;

    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT, description = "print JSON")
    boolean json;

    @Option(
            names = "--progress",
            scope = CommandLine.ScopeType.INHERIT,
            description = "show progress bars even when stderr is not a terminal")
    boolean progress;

    private AisClient client;

    /** Runs the command line; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Ais());
        cl.setOut(new java.io.PrintWriter(
                new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(
                new java.io.OutputStreamWriter(err, java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof AisClientException || e instanceof java.io.IOException) {
                cmd.getErr().println("Error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        int status = cl.execute(args);
        cl.getOut().flush(); // print() does not flush an auto-flushing writer; the caller may exit right away
        cl.getErr().flush();
        return status;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    AisClient client() {
        if (client == null) {
            String url = endpoint != null ? endpoint : System.getenv("AIS_ENDPOINT");
            client = AisClient.builder()
                    .endpoint(url == null || url.isBlank() ? "http://127.0.0.1:8080" : url.strip())
                    .build();
        }
        return client;
    }

    boolean showProgress() {
        return progress || System.console() != null;
    }

    PrintStream err() {
        return System.err;
    }

    /** Prints {@code value} as indented JSON. */
    void printJson(Object value) {
        try {
            spec.commandLine()
                    .getOut()
                    .println(new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "ls", description = "List buckets, or the objects of a bucket (ais ls ais://b --prefix p).")
    static final class Ls implements Runnable {
        @ParentCommand
        Ais ais;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "BUCKET", description = "ais://bucket")
        String bucket;

        @Option(names = "--prefix", defaultValue = "", description = "only names that start with this")
        String prefix;

        @Override
        public void run() {
            if (bucket == null) {
                List<BucketId> all = ais.client().listBuckets();
                if (ais.json) {
                    ais.printJson(all.stream().map(BucketId::cname).toList());
                } else {
                    all.forEach(b -> ais.out().println(b.cname()));
                }
                return;
            }
            Names n = Names.parse(bucket, spec.commandLine());
            List<ObjectEntry> entries = new java.util.ArrayList<>();
            ais.client()
                    .bucket(n.bucket())
                    .listAll(prefix.isEmpty() ? n.object() : prefix)
                    .forEach(entries::add);
            if (ais.json) {
                ais.printJson(entries);
                return;
            }
            ais.out().printf("%-50s %12s%n", "NAME", "SIZE");
            for (ObjectEntry e : entries) {
                ais.out().printf("%-50s %12s%n", e.name(), Progress.size(e.size()));
            }
        }
    }

    @Command(name = "show", description = "Show cluster state.", subcommands = Show.Cluster.class)
    static final class Show {
        @ParentCommand
        Ais ais;

        @Command(name = "cluster", description = "The cluster map: targets, their URLs and state.")
        static final class Cluster implements Runnable {
            @ParentCommand
            Show show;

            @Override
            public void run() {
                Ais ais = show.ais;
                ClusterView v = ais.client().refreshClusterMap();
                if (ais.json) {
                    ais.printJson(v);
                    return;
                }
                ais.out()
                        .printf(
                                "cluster map v%d, %d target(s)%n",
                                v.version(), v.targets().size());
                ais.out().printf("%-16s %-32s %s%n", "TARGET", "URL", "STATE");
                for (ClusterView.Target t : v.targets()) {
                    ais.out().printf("%-16s %-32s %s%n", t.id(), t.url(), t.inService() ? "online" : "maintenance");
                }
            }
        }
    }

    @Command(name = "completion", description = "Print the bash completion script (source <(ais completion bash)).")
    static final class Completion implements Runnable {
        @ParentCommand
        Ais ais;

        @Parameters(paramLabel = "SHELL", description = "bash (zsh can source it with bashcompinit)")
        String shell;

        @Override
        public void run() {
            if (!"bash".equals(shell) && !"zsh".equals(shell)) {
                throw new CommandLine.ParameterException(ais.spec.commandLine(), "shells: bash, zsh");
            }
            ais.out().print(AutoComplete.bash("ais", ais.spec.commandLine()));
        }
    }
}

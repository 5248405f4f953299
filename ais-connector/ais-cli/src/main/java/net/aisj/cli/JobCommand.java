package net.aisj.cli;

import java.time.Duration;
import net.aisj.client.AisClientException;
import net.aisj.client.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ais job start|wait|show}. */
@Command(
        name = "job",
        description = "Start, wait for and show jobs.",
        subcommands = {JobCommand.Start.class, JobCommand.Wait.class, JobCommand.Show.class})
final class JobCommand {

    @ParentCommand
    Ais ais;

    /** Waits for the job, drawing a spinner line on stderr when progress is shown. */
    static JobStatus await(Ais ais, String id, String kind, Duration timeout) {
        if (!ais.showProgress()) {
            return ais.client().waitForJob(id, kind, timeout);
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String spin = "|/-\\";
        for (int i = 0; ; i++) {
            JobStatus s = ais.client().jobStatus(id, kind);
            long secs = (System.nanoTime() - start) / 1_000_000_000L;
            String done = progress(ais, id, kind);
            String name = (kind == null ? "job" : kind) + "[" + id + "]";
            if (s.finished()) {
                ais.err().println("\r" + name + " ended after " + secs + "s" + done + "   ");
                return s;
            }
            ais.err().print("\r" + name + " " + spin.charAt(i % 4) + " " + secs + "s" + done);
            ais.err().flush();
            if (System.nanoTime() > deadline) {
                ais.err().println();
                throw new AisClientException(408, "job " + id + " still runs after " + timeout);
            }
            try {
                Thread.sleep(500); // the poll's interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AisClientException("interrupted", e);
            }
        }
    }

    /** Fails (exit status 1) unless job {@code s} succeeded. */
    static void requireSuccess(JobStatus s) {
        if (!s.succeeded()) {
            throw new AisClientException(
                    500,
                    (s.kind().isEmpty() ? "job" : s.kind()) + "[" + s.id() + "] "
                            + (s.aborted() ? "was aborted" : "failed") + ": " + s.error());
        }
    }

    /** {@code ", <n> objects, <size>"} done so far, from the job's counters (empty when it has none yet). */
    static String progress(Ais ais, String id, String kind) {
        java.util.Map<String, Long> c;
        try {
            c = ais.client().jobCounters(id, kind);
        } catch (AisClientException e) {
            return ""; // counters are a nicety: the status decides
        }
        long objs = c.getOrDefault("out-objs", 0L);
        long bytes = c.getOrDefault("out-bytes", 0L);
        if (objs == 0) {
            objs = c.getOrDefault("loc-objs", 0L);
            bytes = c.getOrDefault("loc-bytes", 0L);
        }
        return objs == 0 ? "" : ", " + objs + " objects, " + Progress.size(bytes);
    }

    @Command(name = "start", description = "Start a cluster job by kind (rebalance, resilver, ...); prints its id.")
    static final class Start implements Runnable {
        @ParentCommand
        JobCommand cmd;

        @Parameters(paramLabel = "KIND")
        String kind;

        @Override
        public void run() {
            cmd.ais.out().println(cmd.ais.client().startJob(kind));
        }
    }

    @Command(name = "wait", description = "Wait until a job ends; exit status 1 when it was aborted or failed.")
    static final class Wait implements Runnable {
        @ParentCommand
        JobCommand cmd;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--kind", description = "the job's kind, when known")
        String kind;

        @Option(names = "--timeout", defaultValue = "PT24H", description = "ISO-8601 duration (default PT24H)")
        Duration timeout;

        @Override
        public void run() {
            JobStatus s = await(cmd.ais, id, kind, timeout);
            if (cmd.ais.json) {
                cmd.ais.printJson(s);
            }
            requireSuccess(s);
            if (!cmd.ais.json) {
                cmd.ais.out().println("job " + id + " done");
            }
        }
    }

    @Command(name = "show", description = "Show a job's state.")
    static final class Show implements Runnable {
        @ParentCommand
        JobCommand cmd;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--kind")
        String kind;

        @Override
        public void run() {
            JobStatus s = cmd.ais.client().jobStatus(id, kind);
            if (cmd.ais.json) {
                cmd.ais.printJson(s);
                return;
            }
            cmd.ais
                    .out()
                    .printf(
                            "%s[%s] %s%s%n",
                            s.kind(),
                            s.id(),
                            s.finished() ? (s.aborted() ? "aborted" : "finished") : "running",
                            s.error().isEmpty() ? "" : " (" + s.error() + ")");
        }
    }
}

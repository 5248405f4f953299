package net.aisj.cli;

import java.time.Duration;
import net.aisj.client.JobStatus;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout} of the commands that start a job (a picocli mixin). */
final class WaitOptions {

    @Option(names = "--wait", description = "wait until the job ends (progress on stderr)")
    boolean await;

    @Option(names = "--timeout", defaultValue = "PT24H", description = "with --wait, ISO-8601 (default PT24H)")
    Duration timeout;

    /**
     * Prints job {@code id}, or with {@code --wait} waits for it (failing unless it succeeded) and prints {@code done}
     * ({@code --json}: the job's status).
     */
    void finish(Ais ais, String id, String kind, String done) {
        if (!await) {
            ais.out().println(id);
            return;
        }
        JobStatus s = JobCommand.await(ais, id, kind, timeout);
        if (ais.json) {
            ais.printJson(s);
        }
        JobCommand.requireSuccess(s);
        if (!ais.json) {
            ais.out().println(done);
        }
    }
}

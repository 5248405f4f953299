package net.aisj.cli;

import net.aisj.client.Bucket;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ais bucket create|rm|cp}. */
@Command(
        name = "bucket",
        description = "Create, destroy and copy buckets.",
        subcommands = {BucketCommand.Create.class, BucketCommand.Remove.class, BucketCommand.Copy.class})
final class BucketCommand {

    @ParentCommand
    Ais ais;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Bucket bucket(String text) {
        return ais.client().bucket(Names.parse(text, spec.commandLine()).bucket());
    }

    /** Applies {@code action} to each named bucket in turn, printing {@code "<bucket>" <done>} after each. */
    void each(java.util.List<String> names, java.util.function.Consumer<Bucket> action, String done) {
        for (String b : names) {
            Bucket bk = bucket(b);
            action.accept(bk);
            ais.out().println("\"" + bk + "\" " + done);
        }
    }

    @Command(name = "create", description = "Create buckets (ais bucket create ais://a ais://b).")
    static final class Create implements Runnable {
        @ParentCommand
        BucketCommand cmd;

        @Parameters(arity = "1..*", paramLabel = "BUCKET")
        java.util.List<String> buckets;

        @Override
        public void run() {
            cmd.each(buckets, Bucket::create, "created");
        }
    }

    @Command(name = "rm", description = "Destroy buckets and every object in them.")
    static final class Remove implements Runnable {
        @ParentCommand
        BucketCommand cmd;

        @Parameters(arity = "1..*", paramLabel = "BUCKET")
        java.util.List<String> buckets;

        @Override
        public void run() {
            cmd.each(buckets, Bucket::destroy, "destroyed");
        }
    }

    @Command(name = "cp", description = "Copy a bucket into another (a copy-bck job); --wait waits for it.")
    static final class Copy implements Runnable {
        @ParentCommand
        BucketCommand cmd;

        @Parameters(index = "0", paramLabel = "FROM")
        String from;

        @Parameters(index = "1", paramLabel = "TO")
        String to;

        @CommandLine.Option(names = "--wait", description = "wait until the copy ends")
        boolean await;

        @Override
        public void run() {
            String job = cmd.bucket(from).copyTo(cmd.bucket(to));
            if (!await) {
                cmd.ais.out().println(job);
                return;
            }
            JobCommand.requireSuccess(JobCommand.await(cmd.ais, job, "copy-bck", java.time.Duration.ofHours(24)));
            cmd.ais.out().println("copy-bck[" + job + "] done");
        }
    }
}

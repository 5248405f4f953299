package net.aisj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import net.aisj.client.Bucket;
import net.aisj.client.ObjectProps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ais object put|get|rm|show}. */
@Command(
        name = "object",
        description = "Put, get, remove and show objects.",
        subcommands = {
            ObjectCommand.Put.class,
            ObjectCommand.Get.class,
            ObjectCommand.Remove.class,
            ObjectCommand.Show.class
        })
final class ObjectCommand {

    @ParentCommand
    Ais ais;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Names names(String text) {
        return Names.parse(text, spec.commandLine()).requireObject(spec.commandLine());
    }

    Bucket bucket(Names n) {
        return ais.client().bucket(n.bucket());
    }

    @Command(name = "put", description = "Upload a file (ais object put FILE ais://b/name; '-' reads stdin).")
    static final class Put implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ObjectCommand cmd;

        @Parameters(index = "0", paramLabel = "FILE")
        String file;

        @Parameters(index = "1", paramLabel = "OBJECT", description = "ais://bucket/name")
        String object;

        @Override
        public Integer call() throws IOException {
            Names n = cmd.names(object);
            Bucket b = cmd.bucket(n);
            if ("-".equals(file)) {
                // stdin has no length: spool it to a temporary file first (never into memory)
                Path tmp = Files.createTempFile("ais-put", ".tmp");
                try {
                    Files.copy(System.in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    upload(b, n, tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } else {
                upload(b, n, Path.of(file));
            }
            cmd.ais.out().println("PUT \"" + file + "\" => " + n.bucket().cname() + "/" + n.object());
            return 0;
        }

        private void upload(Bucket b, Names n, Path p) throws IOException {
            if (!Files.isRegularFile(p)) {
                throw new IOException("no such file: " + p);
            }
            long size = Files.size(p);
            if (!cmd.ais.showProgress()) {
                b.put(n.object(), p);
                return;
            }
            try (InputStream in = new Progress(Files.newInputStream(p), cmd.ais.err(), "PUT " + n.object(), size)) {
                b.put(n.object(), in, size);
            }
        }
    }

    @Command(
            name = "get",
            description = "Download an object (ais object get ais://b/name [FILE]; '-' or none: stdout).")
    static final class Get implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ObjectCommand cmd;

        @Parameters(index = "0", paramLabel = "OBJECT")
        String object;

        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE")
        String file;

        @Override
        public Integer call() throws IOException {
            Names n = cmd.names(object);
            Bucket b = cmd.bucket(n);
            boolean toStdout = file == null || "-".equals(file);
            InputStream body = b.get(n.object());
            if (cmd.ais.showProgress() && !toStdout) {
                body = new Progress(
                        body,
                        cmd.ais.err(),
                        "GET " + n.object(),
                        b.head(n.object()).size());
            }
            if (Download.to(body, file, cmd.ais)) {
                cmd.ais.out().println("GET " + n.bucket().cname() + "/" + n.object() + " => \"" + file + "\"");
            }
            return 0;
        }
    }

    @Command(name = "rm", description = "Remove objects.")
    static final class Remove implements Runnable {
        @ParentCommand
        ObjectCommand cmd;

        @Parameters(arity = "1..*", paramLabel = "OBJECT")
        java.util.List<String> objects;

        @Override
        public void run() {
            for (String o : objects) {
                Names n = cmd.names(o);
                cmd.bucket(n).delete(n.object());
                cmd.ais
                        .out()
                        .println("deleted \"" + n.object() + "\" from "
                                + n.bucket().cname());
            }
        }
    }

    @Command(name = "show", description = "Show an object's properties.")
    static final class Show implements Runnable {
        @ParentCommand
        ObjectCommand cmd;

        @Parameters(paramLabel = "OBJECT")
        String object;

        @Override
        public void run() {
            Names n = cmd.names(object);
            ObjectProps p = cmd.bucket(n).head(n.object());
            if (cmd.ais.json) {
                cmd.ais.printJson(p);
                return;
            }
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("name", n.bucket().cname() + "/" + p.name());
            rows.put("size", Progress.size(p.size()));
            rows.put("checksum", p.checksumType() + " " + p.checksumValue());
            rows.put("version", p.version());
            rows.put("copies", Integer.toString(p.copies()));
            p.custom().forEach((k, v) -> rows.put("custom." + k, v));
            rows.forEach((k, v) -> cmd.ais.out().printf("%-12s %s%n", k.toUpperCase(java.util.Locale.ROOT), v));
        }
    }
}

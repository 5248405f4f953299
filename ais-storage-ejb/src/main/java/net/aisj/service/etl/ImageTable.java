package net.aisj.service.etl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.aisj.core.AisException;

/**
 * The operator's table that maps a container image to a local command, so that specs naming only
 * {@code runtime.image} (as AIS's published transformers do) run in the {@code process} runtime. One entry a line:
 * the image (a trailing {@code *} matches any rest, e.g. {@code aistorage/runtime_python:*}), whitespace, then the
 * command and its arguments separated by whitespace ({@code $(AIS_ETL_PORT)} and AIS's {@code --port 8000} work as
 * in a spec's command). Blank lines and {@code #} comments are ignored; the first matching line wins. Immutable.
 */
record ImageTable(List<Entry> entries) {

    /** One line of the table. */
    record Entry(String image, List<String> command) {

        boolean matches(String img) {
            return image.endsWith("*") ? img.startsWith(image.substring(0, image.length() - 1)) : image.equals(img);
        }
    }

    static final ImageTable EMPTY = new ImageTable(List.of());

    ImageTable {
        entries = List.copyOf(entries);
    }

    /** Parses the table's text. */
    static ImageTable parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("ETL image table: \"" + line + "\" has no command");
            }
            out.add(new Entry(parts[0], Arrays.asList(parts).subList(1, parts.length)));
        }
        return new ImageTable(out);
    }

    /**
     * Reads the table file {@code path} (empty: no table).
     *
     * @throws AisException INTERNAL when the file cannot be read or parsed
     */
    static ImageTable read(Optional<String> path) {
        if (path.isEmpty() || path.get().isBlank()) {
            return EMPTY;
        }
        try {
            return parse(Files.readString(Path.of(path.get().strip()), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new AisException(
                    AisException.Kind.INTERNAL,
                    "cannot read the ETL image table " + path.get() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The command for {@code image}, if a line maps it. */
    Optional<List<String>> command(String image) {
        return entries.stream().filter(e -> e.matches(image)).findFirst().map(Entry::command);
    }
}

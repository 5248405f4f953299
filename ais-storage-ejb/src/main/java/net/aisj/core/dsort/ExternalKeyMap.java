package net.aisj.core.dsort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.aisj.core.AisException;

/**
 * AIS's external key map (EKM, {@code ekm_file}): record keys - regular expressions - mapped to output shard name
 * templates. A record goes to the template of the first expression (in the order they were added) that matches its
 * key anywhere. Also reads AIS's line format: {@code <key regex><sep><template>} per line, blank lines skipped.
 * Not thread-safe while being filled; immutable use afterwards.
 */
public final class ExternalKeyMap {

    private record Entry(Pattern key, String template) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * @throws AisException BAD_REQUEST for an invalid expression
     */
    public void add(String keyRegex, String template) {
        try {
            entries.add(new Entry(Pattern.compile(keyRegex), template));
        } catch (PatternSyntaxException e) {
            throw AisException.badRequest("external key map: invalid key \"" + keyRegex + "\": " + e.getDescription());
        }
    }

    /** Parses the line format; a line without exactly one separator is a BAD_REQUEST naming its number. */
    public static ExternalKeyMap parseLines(String text, String sep) {
        ExternalKeyMap m = new ExternalKeyMap();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(Pattern.quote(sep), -1);
            if (parts.length != 2) {
                throw AisException.badRequest("malformed line (" + i + ") in external key map: " + line);
            }
            m.add(parts[0], parts[1]);
        }
        return m;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The template for {@code key}; BAD_REQUEST when no expression matches (AIS's default: abort). */
    public String lookup(String key) {
        for (Entry e : entries) {
            if (e.key().matcher(key).find()) {
                return e.template();
            }
        }
        throw AisException.badRequest("record \"" + key + "\" is not in the external key map");
    }

    /** The distinct templates, in the order they were first added. */
    public List<String> templates() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        entries.forEach(e -> seen.put(e.template(), true));
        return new ArrayList<>(seen.keySet());
    }
}

package net.aisj.service.archive;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How {@code archregx} selects members of an archive (AIS {@code archive.MatchMode}): a regular expression
 * (searched anywhere in the name, like Go's {@code MatchString}), a prefix, a suffix, a substring, or a
 * WebDataset key (the member's name without its last extension equals the pattern: key {@code a/0001}
 * selects {@code a/0001.jpg} and {@code a/0001.cls}). An empty pattern or {@code *} matches everything.
 */
public enum MatchMode {
    REGEXP,
    PREFIX,
    SUFFIX,
    SUBSTR,
    WDSKEY;

    /** The mode for AIS's wire name; an empty or null name means {@link #REGEXP}, AIS's default. */
    public static MatchMode of(String wire) {
        if (wire == null || wire.isEmpty()) {
            return REGEXP;
        }
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid archmode \"" + wire + "\" (expected regexp, prefix, suffix, substr or wdskey)");
        }
    }

    /**
     * A predicate over member names.
     *
     * @throws IllegalArgumentException for an invalid regular expression
     */
    public Predicate<String> matcher(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.equals("*")) {
            return n -> true;
        }
        return switch (this) {
            case REGEXP -> {
                try {
                    Pattern p = Pattern.compile(pattern);
                    yield n -> p.matcher(n).find();
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("invalid archregx \"" + pattern + "\": " + e.getDescription());
                }
            }
            case PREFIX -> n -> n.startsWith(pattern);
            case SUFFIX -> n -> n.endsWith(pattern);
            case SUBSTR -> n -> n.contains(pattern);
            case WDSKEY -> n -> wdsKey(n).equals(pattern);
        };
    }

    /**
     * A member's WebDataset key as AIS computes it ({@code cos.WdsKey}): the name without the last extension of its
     * last segment, and without a leading slash.
     */
    public static String wdsKey(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        String key = dot > slash ? name.substring(0, dot) : name;
        return key.startsWith("/") ? key.substring(1) : key;
    }
}

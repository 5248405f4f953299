package net.aisj.core;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's cross-origin rules as S3 keeps them ({@code PutBucketCors}): an ordered list of rules, the first that
 * matches a request decides. Immutable and thread-safe. Not part of AIS's bucket props (AIS has no bucket CORS); the
 * S3 API stores and applies them.
 *
 * @param rules at most {@value #MAX_RULES}; empty means "no CORS configuration"
 */
public record BucketCors(List<Rule> rules) implements Serializable {

    /** No configuration: every cross-origin request is refused (the browser's default). */
    public static final BucketCors NONE = new BucketCors(List.of());

    /** S3's limit on rules per bucket. */
    public static final int MAX_RULES = 100;

    /** The methods a rule may allow (S3's list). */
    public static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

    /**
     * One rule. Origins and headers may hold one {@code *} wildcard each; methods are upper case; header names match
     * case-insensitively.
     *
     * @param maxAgeSeconds how long a browser may cache a preflight answer; -1 when not set
     */
    public record Rule(
            String id,
            List<String> allowedOrigins,
            List<String> allowedMethods,
            List<String> allowedHeaders,
            List<String> exposeHeaders,
            int maxAgeSeconds)
            implements Serializable {

        public Rule {
            id = id == null ? "" : id;
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedMethods = List.copyOf(allowedMethods);
            allowedHeaders = List.copyOf(allowedHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }

        /** Whether this rule admits {@code origin} with {@code method} and every header in {@code requestHeaders}. */
        public boolean admits(String origin, String method, List<String> requestHeaders) {
            return allowedOrigins.stream().anyMatch(o -> wildcardMatch(o, origin, false))
                    && allowedMethods.contains(method)
                    && requestHeaders.stream()
                            .allMatch(h -> allowedHeaders.stream().anyMatch(a -> wildcardMatch(a, h, true)));
        }

        /** Whether the rule allows every origin ({@code *}), so answers name no origin. */
        public boolean anyOrigin() {
            return allowedOrigins.contains("*");
        }
    }

    public BucketCors {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule that admits the request, if any. */
    public Optional<Rule> match(String origin, String method, List<String> requestHeaders) {
        if (origin == null || method == null) {
            return Optional.empty();
        }
        return rules.stream()
                .filter(r -> r.admits(origin, method, requestHeaders))
                .findFirst();
    }

    /**
     * Checks the rules as S3 does when they are stored.
     *
     * @throws AisException BAD_REQUEST naming what is wrong
     */
    public BucketCors validated() {
        if (rules.isEmpty()) {
            throw AisException.badRequest("a CORS configuration needs at least one CORSRule");
        }
        if (rules.size() > MAX_RULES) {
            throw AisException.badRequest("a CORS configuration has at most " + MAX_RULES + " rules");
        }
        for (Rule r : rules) {
            if (r.allowedOrigins().isEmpty() || r.allowedMethods().isEmpty()) {
                throw AisException.badRequest("every CORSRule needs an AllowedOrigin and an AllowedMethod");
            }
            for (String m : r.allowedMethods()) {
                if (!METHODS.contains(m)) {
                    throw AisException.badRequest(
                            "Found unsupported HTTP method in CORS config. Unsupported method is " + m);
                }
            }
            for (String o : r.allowedOrigins()) {
                if (wildcards(o) > 1) {
                    throw AisException.badRequest("AllowedOrigin \"" + o + "\" can not have more than one wildcard.");
                }
            }
            for (String h : r.allowedHeaders()) {
                if (wildcards(h) > 1) {
                    throw AisException.badRequest("AllowedHeader \"" + h + "\" can not have more than one wildcard.");
                }
            }
            if (r.id().length() > 255) {
                throw AisException.badRequest("a CORSRule ID has at most 255 characters");
            }
        }
        return this;
    }

    private static long wildcards(String s) {
        return s.chars().filter(c -> c == '*').count();
    }

    /** {@code pattern} with at most one {@code *} standing for any run of characters. */
    static boolean wildcardMatch(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String head = p.substring(0, star);
        String tail = p.substring(star + 1);
        return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
    }
}

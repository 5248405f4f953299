package net.aisj.core.download;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.ObjectTemplate;

/**
 * A download request (AIS's {@code dload.Body}): where the objects go and what they are.
 *
 * @param type         {@code single}, {@code range}, {@code multi} or {@code backend}
 * @param bucket       the destination bucket (for {@code backend}: the remote bucket whose objects are cached)
 * @param description  shown in status and lists ("" for the default: a short summary)
 * @param timeout      per-object limit (null: none beyond the HTTP client's own)
 * @param connections  at most this many objects at a time per target (0: the default)
 * @param bytesPerHour per-target bandwidth limit (0: none)
 * @param links        object name to URL ({@code single}, {@code multi}); empty otherwise
 * @param template     the URL template ({@code range}), e.g. {@code https://host/shard-{000..099}.tar}
 * @param subdir       ({@code range}) the objects' names are {@code subdir/<last URL segment>}
 * @param prefix       ({@code backend}) only objects with this prefix
 * @param suffix       ({@code backend}) only objects with this suffix
 * @param sync         ({@code backend}) re-read objects whose remote version changed
 * @param headers      AIS's {@code headers}: HTTP headers sent with every object's GET (e.g. a token), never null
 * @param progressInterval AIS's {@code progress_interval}: how often a client polling the job should refresh its
 *                     progress (null: AIS's 10 s); kept with the job and shown in its status
 */
public record DownloadSpec(
        Type type,
        BucketId bucket,
        String description,
        Duration timeout,
        int connections,
        long bytesPerHour,
        Map<String, String> links,
        String template,
        String subdir,
        String prefix,
        String suffix,
        boolean sync,
        Map<String, List<String>> headers,
        Duration progressInterval) {

    /** Headers a download cannot set: the HTTP client owns them. */
    private static final java.util.Set<String> RESTRICTED =
            java.util.Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** How many objects a target fetches at a time when the request does not say. */
    public static final int DEFAULT_CONNECTIONS = 4;

    /** The kinds of download (AIS's names). */
    public enum Type {
        SINGLE("single"),
        RANGE("range"),
        MULTI("multi"),
        BACKEND("backend");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** @throws AisException BAD_REQUEST for an unknown type */
        public static Type of(String s) {
            for (Type t : values()) {
                if (t.wire.equals(s)) {
                    return t;
                }
            }
            throw AisException.badRequest("download: unknown type \"" + s + "\" (single, range, multi or backend)");
        }
    }

    public DownloadSpec {
        description = description == null ? "" : description;
        links = links == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
        template = template == null ? "" : template;
        subdir = subdir == null ? "" : subdir;
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        Map<String, List<String>> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        }
        headers = java.util.Collections.unmodifiableMap(h);
    }

    /** The request without AIS's {@code headers} and {@code progress_interval}. */
    public DownloadSpec(
            Type type,
            BucketId bucket,
            String description,
            Duration timeout,
            int connections,
            long bytesPerHour,
            Map<String, String> links,
            String template,
            String subdir,
            String prefix,
            String suffix,
            boolean sync) {
        this(
                type,
                bucket,
                description,
                timeout,
                connections,
                bytesPerHour,
                links,
                template,
                subdir,
                prefix,
                suffix,
                sync,
                Map.of(),
                null);
    }

    /**
     * Checks the request as AIS does.
     *
     * @return this
     * @throws AisException BAD_REQUEST naming what is wrong
     */
    public DownloadSpec validated() {
        if (bucket == null || bucket.name().isEmpty()) {
            throw AisException.badRequest("download: missing 'bucket.name'");
        }
        if (connections < 0) {
            throw AisException.badRequest(
                    "download: 'limits.connections' must be non-negative (got " + connections + ")");
        }
        if (bytesPerHour < 0) {
            throw AisException.badRequest(
                    "download: 'limits.bytes_per_hour' must be non-negative (got " + bytesPerHour + ")");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw AisException.badRequest("download: 'timeout' must be positive");
        }
        if (progressInterval != null && (progressInterval.isNegative() || progressInterval.isZero())) {
            throw AisException.badRequest("download: 'progress_interval' must be positive");
        }
        headers.forEach((k, v) -> {
            if (!k.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw AisException.badRequest("download: invalid header name \"" + k + "\"");
            }
            if (RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                throw AisException.badRequest("download: header \"" + k + "\" cannot be set");
            }
            for (String value : v) {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw AisException.badRequest("download: header \"" + k + "\" has a line break in its value");
                }
            }
        });
        switch (type) {
            case SINGLE, MULTI -> {
                if (links.isEmpty()) {
                    throw AisException.badRequest(
                            type == Type.SINGLE
                                    ? "download: missing 'link' in the request body"
                                    : "download: 'objects' must name at least one link");
                }
                links.forEach(DownloadSpec::checkLink);
            }
            case RANGE -> {
                if (template.isEmpty()) {
                    throw AisException.badRequest("download: missing 'template' in the request body");
                }
                ObjectTemplate t = ObjectTemplate.parse(template, 0);
                checkLink(objectName(subdir, t.iterator().next()), t.iterator().next());
            }
            case BACKEND -> {
                if (!links.isEmpty() || !template.isEmpty()) {
                    throw AisException.badRequest("download: a backend download takes a prefix, not links");
                }
            }
        }
        return this;
    }

    private static void checkLink(String name, String link) {
        if (name == null || name.isEmpty() || name.endsWith("/")) {
            throw AisException.badRequest("download: cannot make an object name of link \"" + link + "\"");
        }
        if (!(link.startsWith("http://") || link.startsWith("https://"))) {
            throw AisException.badRequest("download: link \"" + link + "\" is not an http(s) URL");
        }
    }

    /**
     * The objects to fetch as (name, URL) pairs, in order; a range template is expanded lazily. Empty for a backend
     * download (its names come from the remote listing).
     */
    public Iterable<Map.Entry<String, String>> objects() {
        if (type == Type.BACKEND) {
            return List.of();
        }
        if (type != Type.RANGE) {
            return links.entrySet();
        }
        ObjectTemplate t = ObjectTemplate.parse(template, 0);
        return () -> new Iterator<>() {
            private final Iterator<String> urls = t.iterator();

            @Override
            public boolean hasNext() {
                return urls.hasNext();
            }

            @Override
            public Map.Entry<String, String> next() {
                String url = urls.next();
                return new AbstractMap.SimpleImmutableEntry<>(objectName(subdir, url), url);
            }
        };
    }

    /** The name AIS gives a downloaded URL: the last path segment (query dropped), under {@code dir}. */
    public static String objectName(String dir, String url) {
        String path = url;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        int scheme = path.indexOf("://");
        if (scheme >= 0 && path.indexOf('/', scheme + 3) < 0) {
            return "";
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.isEmpty() || dir.isEmpty()) {
            return base;
        }
        return (dir.endsWith("/") ? dir : dir + "/") + base;
    }

    /** The links of a {@code multi} list given as URLs only (each named by its last segment). */
    public static Map<String, String> namedByLastSegment(List<String> urls) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String u : urls) {
            String n = objectName("", u);
            if (n.isEmpty()) {
                bad.add(u);
            }
            out.put(n.isEmpty() ? u : n, u);
        }
        if (!bad.isEmpty()) {
            throw AisException.badRequest("download: cannot make an object name of link \"" + bad.get(0) + "\"");
        }
        return out;
    }

    /** The description status shows: the request's, else a summary as AIS makes it. */
    public String describe() {
        if (!description.isEmpty()) {
            return description;
        }
        return switch (type) {
            case SINGLE -> {
                Map.Entry<String, String> e = links.entrySet().iterator().next();
                yield e.getValue() + " -> " + bucket.cname() + "/" + e.getKey();
            }
            case RANGE -> template + " -> " + bucket.cname();
            case MULTI -> "multi-download -> " + bucket.cname();
            case BACKEND -> "backend download " + bucket.cname() + (prefix.isEmpty() ? "" : "/" + prefix);
        };
    }

    /** {@link #connections} or the default. */
    public int workers() {
        return connections > 0 ? connections : DEFAULT_CONNECTIONS;
    }
}

package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.core.BucketProps;
import net.aisj.service.ObjectListing;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.CommonPrefix;
import net.aisj.web.s3.xml.ListBucketResultV1;
import net.aisj.web.s3.xml.ListBucketResultV2;
import net.aisj.web.s3.xml.ListVersionsResult;
import net.aisj.web.s3.xml.ObjectEntry;
import net.aisj.web.s3.xml.S3Xml;

/**
 * ListObjects V1 ({@code marker}, {@code NextMarker}) and V2 ({@code list-type=2}: opaque base64 continuation
 * token = the last key or prefix returned, {@code start-after}, {@code fetch-owner}, {@code KeyCount}) over the
 * cluster-wide native listing ({@link ObjectListing#list}), with {@link ListingWalker} for delimiters.
 */
@ApplicationScoped
public class S3Listing {

    /** S3's default and largest {@code max-keys}. */
    public static final int MAX_KEYS = 1000;

    @Inject
    ObjectListing listing;

    @Inject
    S3Buckets buckets;

    /** Buckets in a backend list what the remote has (cached or not). */
    @Inject
    net.aisj.service.cache.RemoteListing remoteListing;

    private ListingWalker.PageSource source(BucketId id) {
        return remoteListing.isRemote(id)
                ? (p, after, size, noRec) -> remoteListing
                        .list(id, new ListRequest(p, after, size, false, false), 0)
                        .page()
                : (p, after, size, noRec) -> listing.list(id, new ListRequest(p, after, size, noRec, false));
    }

    private static String encodingType(S3Call c) {
        String enc = c.param("encoding-type");
        if (enc != null && !enc.equals("url")) {
            throw new S3Exception(S3Error.InvalidArgument, "Invalid Encoding Method specified in Request");
        }
        return enc;
    }

    /**
     * ListObjectVersions: one version per key, the current one (its id is {@link S3Buckets#versionId}); pages by
     * {@code key-marker} (a {@code version-id-marker} names that key's only version, so the page starts after it).
     */
    Response versions(S3Call c) {
        BucketProps props = buckets.props(c.bucket());
        BucketId id = c.bucketId();
        String enc = encodingType(c);
        boolean url = enc != null;
        int maxKeys = maxKeys(c.param("max-keys"));
        String prefix = nz(c.param("prefix"));
        String delimiter = c.param("delimiter");
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String keyMarker = nz(c.param("key-marker"));
        String versionMarker = c.param("version-id-marker");
        if (versionMarker != null && !versionMarker.isEmpty() && keyMarker.isEmpty()) {
            throw new S3Exception(
                    S3Error.InvalidArgument, "A version-id marker cannot be specified without a key marker.");
        }
        ListingWalker.Result r = ListingWalker.walk(source(id), prefix, delimiter, keyMarker, maxKeys);
        ListVersionsResult x = new ListVersionsResult();
        x.name = c.bucket();
        x.prefix = enc(prefix, url);
        x.keyMarker = enc(keyMarker, url);
        x.versionIdMarker = nz(versionMarker);
        x.maxKeys = maxKeys;
        x.delimiter = delimiter == null ? null : enc(delimiter, url);
        x.isTruncated = r.truncated();
        x.encodingType = enc;
        String lastVersion = null;
        for (ListEntry e : r.keys()) {
            ListVersionsResult.Version v = new ListVersionsResult.Version();
            v.key = enc(e.name(), url);
            v.versionId = e.stat() == null ? "null" : S3Buckets.versionId(props, e.stat());
            v.lastModified = S3Xml.time(e.stat() == null ? 0 : e.stat().mtimeMillis());
            v.etag = e.stat() == null ? "\"\"" : S3Meta.etag(e.stat());
            v.size = e.stat() == null ? 0 : e.stat().size();
            v.owner = S3Buckets.OWNER;
            x.versions.add(v);
            if (e.name().equals(r.last())) {
                lastVersion = v.versionId;
            }
        }
        for (String p : r.prefixes()) {
            x.commonPrefixes.add(new CommonPrefix(enc(p, url)));
        }
        if (r.truncated()) {
            x.nextKeyMarker = enc(r.last(), url);
            x.nextVersionIdMarker = lastVersion;
        }
        return S3Responses.xml(x);
    }

    Response list(S3Call c) {
        BucketId id = buckets.existing(c);
        String enc = encodingType(c);
        boolean url = enc != null;
        int maxKeys = maxKeys(c.param("max-keys"));
        String prefix = nz(c.param("prefix"));
        String delimiter = c.param("delimiter");
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        ListingWalker.PageSource src = source(id);
        if ("2".equals(c.param("list-type"))) {
            return v2(c, src, prefix, delimiter, maxKeys, url);
        }
        String marker = nz(c.param("marker"));
        ListingWalker.Result r = ListingWalker.walk(src, prefix, delimiter, marker, maxKeys);
        ListBucketResultV1 x = new ListBucketResultV1();
        x.name = c.bucket();
        x.prefix = enc(prefix, url);
        x.marker = enc(marker, url);
        x.maxKeys = maxKeys;
        x.delimiter = delimiter == null ? null : enc(delimiter, url);
        x.isTruncated = r.truncated();
        x.nextMarker = r.truncated() ? enc(r.last(), url) : null;
        x.encodingType = enc;
        fill(r, url, true, x.contents, x.commonPrefixes);
        return S3Responses.xml(x);
    }

    private Response v2(
            S3Call c, ListingWalker.PageSource src, String prefix, String delimiter, int maxKeys, boolean url) {
        String token = c.param("continuation-token");
        String startAfter = c.param("start-after");
        String after;
        if (token != null) {
            after = decodeToken(token);
        } else {
            after = nz(startAfter);
        }
        ListingWalker.Result r = ListingWalker.walk(src, prefix, delimiter, after, maxKeys);
        ListBucketResultV2 x = new ListBucketResultV2();
        x.name = c.bucket();
        x.prefix = enc(prefix, url);
        x.maxKeys = maxKeys;
        x.keyCount = r.keys().size() + r.prefixes().size();
        x.delimiter = delimiter == null ? null : enc(delimiter, url);
        x.isTruncated = r.truncated();
        x.encodingType = url ? "url" : null;
        x.continuationToken = token;
        x.nextContinuationToken = r.truncated() ? encodeToken(r.last()) : null;
        x.startAfter = startAfter == null ? null : enc(startAfter, url);
        fill(r, url, "true".equals(c.param("fetch-owner")), x.contents, x.commonPrefixes);
        return S3Responses.xml(x);
    }

    private static void fill(
            ListingWalker.Result r,
            boolean url,
            boolean owner,
            java.util.List<ObjectEntry> contents,
            java.util.List<CommonPrefix> prefixes) {
        for (ListEntry e : r.keys()) {
            ObjectEntry o = e.stat() == null
                    ? new ObjectEntry(enc(e.name(), url), S3Xml.time(0), "\"\"", 0)
                    : new ObjectEntry(
                            enc(e.name(), url),
                            S3Xml.time(e.stat().mtimeMillis()),
                            S3Meta.etag(e.stat()),
                            e.stat().size());
            o.owner = owner ? S3Buckets.OWNER : null;
            contents.add(o);
        }
        for (String p : r.prefixes()) {
            prefixes.add(new CommonPrefix(enc(p, url)));
        }
    }

    static int maxKeys(String s) {
        if (s == null || s.isEmpty()) {
            return MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw new S3Exception(
                    S3Error.InvalidArgument, "Provided max-keys not an integer or within integer " + "range");
        }
    }

    static String encodeToken(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidArgument, "The continuation token provided is incorrect");
        }
    }

    private static String enc(String s, boolean url) {
        return url && s != null ? S3Uris.encode(s, true) : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

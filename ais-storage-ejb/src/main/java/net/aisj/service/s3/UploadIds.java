package net.aisj.service.s3;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload IDs S3 clients see: {@code <local id>-<holder node id in hex>}. The local ID is the storage engine's
 * (32 hex digits); the holder is the target that keeps the parts. Every later call of the upload is served by that
 * target whatever the cluster map says meanwhile, so an upload survives a rebalance that moves its key to another
 * owner. Pure and thread-safe.
 */
public final class UploadIds {

    private static final Pattern FORM = Pattern.compile("([0-9a-f]{32})-((?:[0-9a-f]{2}){1,128})");

    /** A parsed upload ID. */
    public record Ref(String localId, String nodeId) {}

    private UploadIds() {}

    public static String of(String localId, String nodeId) {
        return localId + "-" + HexFormat.of().formatHex(nodeId.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when {@code uploadId} is not one of ours (the caller answers NoSuchUpload). */
    public static Optional<Ref> parse(String uploadId) {
        if (uploadId == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(uploadId);
        if (!m.matches()) {
            return Optional.empty();
        }
        String node = new String(HexFormat.of().parseHex(m.group(2)), StandardCharsets.UTF_8);
        return Optional.of(new Ref(m.group(1), node));
    }
}

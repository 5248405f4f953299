package net.aisj.connector.api;

import java.io.Serializable;
import java.util.Map;

/**
 * A multipart upload in progress.
 *
 * @param uploadId        its id (32 lower-case hex digits)
 * @param object          the object it will become
 * @param initiatedMillis when it was created
 * @param custom          the custom metadata the object will get, never null
 */
public record UploadInfo(String uploadId, ObjectId object, long initiatedMillis, Map<String, String> custom)
        implements Serializable {

    public UploadInfo {
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }
}

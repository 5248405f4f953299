package net.aisj.client;

import java.util.Map;

/**
 * An object's properties as a HEAD returns them (AIS's {@code Ais-*} headers).
 *
 * @param checksumType e.g. {@code xxhash2}, empty when the object has none
 * @param version the object's version, empty when the bucket keeps none
 * @param atime last access, Unix nanoseconds as AIS reports it (0 when unknown)
 * @param custom custom metadata
 */
public record ObjectProps(
        String name,
        long size,
        String checksumType,
        String checksumValue,
        String version,
        long atime,
        int copies,
        Map<String, String> custom) {

    public ObjectProps {
        custom = Map.copyOf(custom);
    }
}

package net.aisj.service.archive;

import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;

/**
 * The {@code archive} bucket action: AIS {@code cmn.ArchiveBckMsg}
 * {@code {"tobck":{"name","provider"},"archname","mime","objnames"|"template","bnonly","isbn","aate","coer"}}.
 *
 * @param from           source bucket (the request's)
 * @param to             destination bucket ({@code tobck}, default: the source)
 * @param archName       the archive object's name
 * @param format         from {@code mime}, else from {@code archname}'s extension
 * @param range          the source objects
 * @param baseNameOnly   {@code bnonly}: members named by the source's last path segment
 * @param inclSrcBucket  {@code isbn}: members named {@code <bucket>/<object>}
 * @param appendIfExists {@code aate}: add to an existing archive instead of replacing it
 * @param continueOnErr  {@code coer}: skip missing or unreadable sources instead of failing
 */
public record ArchiveSpec(
        BucketId from,
        BucketId to,
        String archName,
        ArchiveFormat format,
        ListRange range,
        boolean baseNameOnly,
        boolean inclSrcBucket,
        boolean appendIfExists,
        boolean continueOnErr) {

    public ObjectId archive() {
        return new ObjectId(to, archName);
    }

    /** The member name of a source object. */
    public String memberName(String objName) {
        String n = baseNameOnly ? objName.substring(objName.lastIndexOf('/') + 1) : objName;
        return inclSrcBucket ? from.name() + "/" + n : n;
    }
}

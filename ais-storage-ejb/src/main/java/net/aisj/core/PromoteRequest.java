package net.aisj.core;

import java.nio.file.Path;

/**
 * A {@code promote} (AIS {@code apc.PromoteArgs}): files of a directory that the targets can read become objects of a
 * bucket.
 *
 * @param source     absolute path of a file or a directory, under the node's promote root ({@code src})
 * @param objectName the object's name for a single file, or a prefix for every name (ends with {@code /} to keep
 *                   the file's base name); may be empty ({@code obj})
 * @param targetId   only this target promotes, from its own file system; empty: every target ({@code tid})
 * @param recursive  a directory's subdirectories too ({@code rcr}); the names keep the relative path
 * @param overwrite  replace an object that exists ({@code ovw}); otherwise it is kept and the file skipped
 * @param deleteSource remove each file once its object is stored ({@code dls})
 * @param notShared  the source is not one file share that every target sees alike ({@code notshr}): every target
 *                   promotes every file it sees, instead of the ones it owns
 */
public record PromoteRequest(
        String source,
        String objectName,
        String targetId,
        boolean recursive,
        boolean overwrite,
        boolean deleteSource,
        boolean notShared) {

    /** Checks the source's form (absolute, no {@code .} or {@code ..} element); fills in empty strings. */
    public PromoteRequest {
        if (source == null || source.isEmpty()) {
            throw AisException.badRequest("promote: missing the source file or directory (\"src\")");
        }
        if (!source.startsWith("/")) {
            throw AisException.badRequest("promote: invalid source \"" + source + "\": must be an absolute path");
        }
        for (String element : source.split("/")) {
            if (element.equals(".") || element.equals("..")) {
                throw AisException.badRequest(
                        "promote: invalid source \"" + source + "\": must not contain '.' or '..' path elements");
            }
        }
        objectName = objectName == null ? "" : objectName;
        targetId = targetId == null ? "" : targetId;
        if (objectName.startsWith("/")) {
            throw AisException.badRequest("promote: invalid object name \"" + objectName + "\": starts with '/'");
        }
    }

    /**
     * The object name of {@code file}: for a single-file source, {@code obj} itself unless it is empty or ends with
     * {@code /} (then {@code obj} + the file's base name); for a directory, {@code obj} + the file's path relative to
     * it (AIS's {@code PrmObjName}).
     */
    public String nameOf(Path file, boolean sourceIsFile) {
        if (sourceIsFile) {
            if (!objectName.isEmpty() && !objectName.endsWith("/")) {
                return objectName;
            }
            return objectName + file.getFileName();
        }
        String rel = Path.of(source).relativize(file).toString();
        return objectName + rel;
    }
}

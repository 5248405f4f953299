package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * Small metadata documents (BMD, Smap, ...) kept as {@code <mountpath>/.ais.<name>} on every usable mountpath, each
 * written atomically (temp file in {@code %wk}, fsync, rename, fsync of the mountpath root). Names are
 * {@code [a-z0-9_-]+}; "vmd" is the volume record's and reserved. Thread-safe (one writer per name at a time).
 */
final class MetaDocs {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    private final Volume volume;

    MetaDocs(Volume volume) {
        this.volume = volume;
    }

    static Path docPath(Mountpath mp, String name) {
        return mp.root().resolve(".ais." + name);
    }

    private static void check(String name) throws StorageException {
        if (name == null || !NAME.matcher(name).matches() || name.equals("vmd")) {
            throw new StorageException(Reason.BAD_REQUEST, "invalid metadata document name \"" + name + "\"");
        }
    }

    /** @throws StorageException IO when no mountpath could store it */
    synchronized void store(String name, byte[] content) throws StorageException {
        check(name);
        int ok = 0;
        IOException last = null;
        for (Mountpath mp : volume.usable()) {
            try {
                write(mp, name, content);
                ok++;
            } catch (IOException e) {
                last = e;
                FileOps.LOG.warning("cannot store ." + name + " on " + mp + ": " + e.getMessage());
            }
        }
        if (ok == 0) {
            throw new StorageException(
                    Reason.IO,
                    "cannot store metadata document " + name + " on any mountpath"
                            + (last == null ? "" : ": " + last.getMessage()),
                    last);
        }
    }

    List<byte[]> load(String name) throws StorageException {
        check(name);
        List<byte[]> out = new ArrayList<>();
        for (Mountpath mp : volume.usable()) {
            try {
                out.add(Files.readAllBytes(docPath(mp, name)));
            } catch (NoSuchFileException e) {
                // not on this mountpath
            } catch (IOException e) {
                FileOps.LOG.warning("cannot read ." + name + " on " + mp + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static void write(Mountpath mp, String name, byte[] content) throws IOException {
        Path tmp = FileOps.newWorkFile(mp.workDir(), "meta-");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            FileOps.moveIntoPlace(tmp, docPath(mp, name));
            FileOps.fsyncDir(mp.root());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import net.aisj.connector.fs.ObjectMetaCodec.CorruptMetaException;

/**
 * Where a mountpath keeps object metadata: the user xattr {@code user.ais.lom} when the file system supports it and
 * the encoded LOM fits in {@value #MAX_XATTR} bytes, else a side file next to the object named
 * {@code <file>%m}. On read the xattr wins; a side file is only consulted when the xattr is absent. Callers hold the
 * object's name lock for anything but listing reads. Thread-safe (stateless per call).
 */
final class MetaStore {

    static final String XATTR = "ais.lom";
    static final int MAX_XATTR = 3 * 1024;

    private final boolean xattrs;
    private final Path workDir;

    MetaStore(boolean xattrs, Path workDir) {
        this.xattrs = xattrs;
        this.workDir = workDir;
    }

    boolean xattrs() {
        return xattrs;
    }

    static Path sidePath(Path file) {
        return file.resolveSibling(FileOps.name(file) + NameCodec.SIDE_MARK);
    }

    /**
     * The object's metadata, or null when it has none.
     *
     * @throws NoSuchFileException when the object file is gone
     */
    ObjectMeta read(Path file) throws IOException, CorruptMetaException {
        if (xattrs) {
            byte[] b = readXattr(file);
            if (b != null) {
                return ObjectMetaCodec.decode(b);
            }
        }
        try {
            return ObjectMetaCodec.decode(Files.readAllBytes(sidePath(file)));
        } catch (NoSuchFileException e) {
            if (!Files.exists(file)) {
                throw e;
            }
            return null;
        }
    }

    /**
     * Attaches {@code meta} to the not yet visible file {@code temp} and moves it to {@code dst} (atomically
     * replacing any previous object). With a side file, the side file is moved into place first.
     */
    void commit(Path temp, Path dst, ObjectMeta meta) throws IOException {
        byte[] lom = ObjectMetaCodec.encode(meta);
        if (useXattr(lom)) {
            writeXattr(temp, lom);
            FileOps.moveIntoPlace(temp, dst);
            Files.deleteIfExists(sidePath(dst));
        } else {
            removeXattr(temp);
            writeSide(dst, lom);
            FileOps.moveIntoPlace(temp, dst);
        }
    }

    /** Replaces the metadata of a visible object in place. */
    void update(Path file, ObjectMeta meta) throws IOException {
        byte[] lom = ObjectMetaCodec.encode(meta);
        if (useXattr(lom)) {
            writeXattr(file, lom);
            Files.deleteIfExists(sidePath(file));
        } else {
            writeSide(file, lom);
            removeXattr(file);
        }
    }

    void deleteSide(Path file) throws IOException {
        Files.deleteIfExists(sidePath(file));
    }

    private boolean useXattr(byte[] lom) {
        return xattrs && lom.length <= MAX_XATTR;
    }

    private void writeSide(Path file, byte[] lom) throws IOException {
        Path tmp = FileOps.newWorkFile(workDir, "lom-");
        try {
            Files.write(tmp, lom);
            FileOps.moveIntoPlace(tmp, sidePath(file));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static UserDefinedFileAttributeView view(Path file) {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }

    static void writeXattr(Path file, byte[] value) throws IOException {
        UserDefinedFileAttributeView v = view(file);
        if (v == null) {
            throw new IOException("no user xattrs on " + file);
        }
        v.write(XATTR, ByteBuffer.wrap(value));
    }

    /** The xattr's bytes or null when absent. */
    static byte[] readXattr(Path file) throws IOException {
        UserDefinedFileAttributeView v = view(file);
        if (v == null) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            v.read(XATTR, buf);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            int n;
            try {
                n = v.size(XATTR);
            } catch (NoSuchFileException e2) {
                throw e2;
            } catch (FileSystemException absent) {
                return null;
            }
            buf = ByteBuffer.allocate(n);
            v.read(XATTR, buf);
        }
        buf.flip();
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }

    private void removeXattr(Path file) throws IOException {
        if (!xattrs) {
            return;
        }
        try {
            view(file).delete(XATTR);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException absent) {
            // nothing to remove
        }
    }
}

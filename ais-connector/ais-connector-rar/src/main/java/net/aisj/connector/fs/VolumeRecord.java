package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The volume record (AIS's VMD) kept at every mountpath root as {@value #FILE}: a properties file with the node id
 * and the mountpath list. Written atomically (temp, fsync, rename, fsync directory).
 *
 * @param nodeId     the node's daemon id
 * @param mountpaths the mountpaths in configuration order
 */
record VolumeRecord(String nodeId, List<String> mountpaths) {

    static final String FILE = ".ais.vmd";
    private static final String FORMAT = "1";

    VolumeRecord {
        mountpaths = List.copyOf(mountpaths);
    }

    /** The record at a mountpath root, or null when there is none. */
    static VolumeRecord read(Path root) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(FILE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        String id = p.getProperty("node.id", "").trim();
        if (id.isEmpty()) {
            throw new IOException("volume record " + root.resolve(FILE) + " has no node.id");
        }
        List<String> mps = new ArrayList<>();
        for (int i = 0; p.getProperty("mountpath." + i) != null; i++) {
            mps.add(p.getProperty("mountpath." + i));
        }
        return new VolumeRecord(id, mps);
    }

    void write(Path root) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("node.id", nodeId);
        for (int i = 0; i < mountpaths.size(); i++) {
            p.setProperty("mountpath." + i, mountpaths.get(i));
        }
        Path tmp = root.resolve(FILE + ".tmp-" + FileOps.randomHex());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                p.store(out, "AIS volume record: do not edit");
                out.flush();
                ch.force(true);
            }
            FileOps.moveIntoPlace(tmp, root.resolve(FILE));
            FileOps.fsyncDir(root);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

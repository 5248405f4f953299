package net.aisj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a downloaded body goes: stdout, or a file written beside its place and moved in whole. */
final class Download {

    private Download() {}

    /**
     * Streams {@code body} to stdout ({@code file} null or {@code -}) or into {@code file}: written to a temporary
     * file in the same directory and renamed into place, so a failure leaves no half-written file. Closes
     * {@code body}. Returns whether it went to a file.
     */
    static boolean to(InputStream body, String file, Ais ais) throws IOException {
        try (InputStream in = body) {
            if (file == null || "-".equals(file)) {
                in.transferTo(System.out);
                System.out.flush();
                return false;
            }
            Path dst = Path.of(file).toAbsolutePath();
            Path parent = dst.getParent();
            Path dir = parent == null ? Path.of(".") : parent;
            Path tmp = Files.createTempFile(dir, "." + String.valueOf(dst.getFileName()), ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }
}

package net.aisj.client;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a PUT sends: bytes or a file (both can be sent again when the owner changed), or a stream of known length
 * (sent once: after a changed owner it can only be retried when the node answered before reading it).
 */
sealed interface Body {

    HttpRequest.BodyPublisher publisher();

    /** Whether the body can be sent again from its start. */
    boolean replayable();

    static Body of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static Body of(Path file) {
        return new File(file);
    }

    static Body of(InputStream in, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("the length of the stream must be known (AIS needs Content-Length)");
        }
        return new Stream(in, length, new AtomicBoolean());
    }

    record Bytes(byte[] bytes) implements Body {
        @Override
        public HttpRequest.BodyPublisher publisher() {
            return HttpRequest.BodyPublishers.ofByteArray(bytes);
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    record File(Path path) implements Body {
        @Override
        public HttpRequest.BodyPublisher publisher() {
            try {
                if (!Files.isRegularFile(path)) {
                    throw new FileNotFoundException(path.toString());
                }
                return HttpRequest.BodyPublishers.ofFile(path);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** A single-use stream; {@code opened} records whether the HTTP client began to read it. */
    record Stream(InputStream in, long length, AtomicBoolean opened) implements Body {
        @Override
        public HttpRequest.BodyPublisher publisher() {
            if (length == 0) {
                return HttpRequest.BodyPublishers.ofByteArray(new byte[0]); // the JDK refuses a stream of length 0
            }
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> {
                        opened.set(true);
                        return in;
                    }),
                    length);
        }

        @Override
        public boolean replayable() {
            return !opened.get();
        }
    }
}

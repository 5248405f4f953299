package net.aisj.web.s3.auth;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import net.aisj.web.s3.error.PayloadException;
import net.aisj.web.s3.error.S3Error;

/**
 * Decodes an {@code aws-chunked} request body while it streams
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and sigv4-streaming-trailers.html):
 * {@code hex-size[;chunk-signature=sig]CRLF data CRLF ... 0[;chunk-signature=sig]CRLF [trailers CRLF] CRLF}.
 * With a signer every chunk signature is verified (chained from the request's seed signature) when the chunk ends,
 * and the trailer signature when the trailers end; a trailing {@code x-amz-checksum-*} is verified against the
 * decoded data. Any failure throws {@link PayloadException}, which makes the storage engine discard the upload.
 * Nothing is buffered beyond one header line. Not thread-safe.
 */
public final class AwsChunkedInputStream extends InputStream {

    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final SigV4.Signer signer;
    private final FlexibleChecksum checksum;
    private final long declaredLength;
    private final MessageDigest sha;
    private String previousSignature;
    private String chunkSignature;
    private long remaining;
    private long total;
    private boolean done;
    private final Map<String, String> trailers = new LinkedHashMap<>();

    /**
     * @param signer         verifies chunk and trailer signatures, or null for unsigned chunks
     * @param seedSignature  the request's signature (first "previous signature"); ignored without signer
     * @param checksum       the checksum named by {@code x-amz-trailer}, or null
     * @param declaredLength {@code x-amz-decoded-content-length}, or -1
     */
    public AwsChunkedInputStream(
            InputStream in, SigV4.Signer signer, String seedSignature, FlexibleChecksum checksum, long declaredLength) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.signer = signer;
        this.previousSignature = seedSignature;
        this.checksum = checksum;
        this.declaredLength = declaredLength;
        try {
            this.sha = signer == null ? null : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trailing headers received (after end of stream). */
    public Map<String, String> trailers() {
        return Map.copyOf(trailers);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            nextChunk();
            if (done) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new PayloadException(S3Error.IncompleteBody, "aws-chunked body ended inside a chunk");
        }
        if (sha != null) {
            sha.update(b, off, n);
        }
        if (checksum != null) {
            checksum.update(b, off, n);
        }
        remaining -= n;
        total += n;
        if (remaining == 0) {
            expectCrlf();
            verifyChunk();
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new PayloadException(S3Error.IncompleteBody, "aws-chunked body ended before its last chunk");
        }
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        chunkSignature = null;
        if (semi >= 0) {
            String ext = line.substring(semi + 1).trim();
            if (ext.startsWith("chunk-signature=")) {
                chunkSignature = ext.substring("chunk-signature=".length()).trim();
            }
        }
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new PayloadException(S3Error.InvalidRequest, "invalid aws-chunked chunk header");
        }
        if (size < 0 || hex.length() > 16) {
            throw new PayloadException(S3Error.InvalidRequest, "invalid aws-chunked chunk size");
        }
        if (signer != null && chunkSignature == null) {
            throw new PayloadException(S3Error.SignatureDoesNotMatch, "aws-chunked chunk without signature");
        }
        remaining = size;
        if (size == 0) {
            verifyChunk();
            finish();
        }
    }

    private void verifyChunk() throws PayloadException {
        if (signer == null) {
            return;
        }
        String actual = signer.signChunk(previousSignature, HexFormat.of().formatHex(sha.digest()));
        if (!SigV4.same(actual, chunkSignature)) {
            throw new PayloadException(S3Error.SignatureDoesNotMatch, "chunk signature does not match");
        }
        previousSignature = actual;
    }

    /** After the zero-size chunk: trailers (if any) up to the empty line, their signature and checksum. */
    private void finish() throws IOException {
        done = true;
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        while (true) {
            String line = readLine();
            if (line == null || line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new PayloadException(S3Error.InvalidRequest, "malformed aws-chunked trailer");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signer != null && !trailers.isEmpty()) {
            String actual = signer.signTrailer(previousSignature, canonical.toString());
            if (!SigV4.same(actual, trailerSignature)) {
                throw new PayloadException(S3Error.SignatureDoesNotMatch, "trailer signature does not match");
            }
        }
        if (checksum != null) {
            String sent = trailers.get(checksum.header());
            if (sent == null) {
                throw new PayloadException(S3Error.InvalidRequest, "missing trailer " + checksum.header());
            }
            if (!sent.equals(checksum.base64())) {
                throw new PayloadException(
                        S3Error.BadDigest,
                        "The " + checksum.header() + " you specified did not match the calculated checksum.");
            }
        }
        if (declaredLength >= 0 && total != declaredLength) {
            throw new PayloadException(
                    S3Error.IncompleteBody, "decoded " + total + " bytes, declared " + declaredLength);
        }
    }

    private void expectCrlf() throws IOException {
        String rest = readLine();
        if (rest == null || !rest.isEmpty()) {
            throw new PayloadException(S3Error.InvalidRequest, "aws-chunked chunk not followed by CRLF");
        }
    }

    /** A line without its CRLF (a bare LF is accepted), or null at end of stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(96);
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (b.size() >= MAX_LINE) {
                throw new PayloadException(S3Error.InvalidRequest, "aws-chunked header line too long");
            }
            b.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

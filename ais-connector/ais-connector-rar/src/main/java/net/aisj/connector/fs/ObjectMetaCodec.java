package net.aisj.connector.fs;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.hrw.Hrw;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Binary encoding of {@link ObjectMeta}:
 * {@code [1B format version][1B reserved=0][8B big-endian xxhash64(payload, seed Hrw.SEED)][payload]}.
 *
 * <p>Payload, in order: name, checksum type (wire name), checksum value, version (strings are a varint byte length
 * plus UTF-8), size (8B), mtime millis (8B), custom count (varint) then key/value strings, copies count (varint)
 * then strings. Format 2 (a chunked object) appends the chunk token (string), the chunk count (varint) and each
 * chunk's size (8B). Formats 3 (plain) and 4 (chunked) then append the {@link ChunkSums}: chunk size (varint),
 * count (varint) and each XXH64 (8B); formats 1 and 2 (objects written before) decode without them. Decoding verifies the hash and the exact length; any mismatch raises
 * {@link CorruptMetaException}.
 * Stateless and thread-safe.
 */
final class ObjectMetaCodec {

    static final byte FORMAT = 1;
    static final byte FORMAT_CHUNKED = 2;
    static final byte FORMAT_SUMS = 3;
    static final byte FORMAT_CHUNKED_SUMS = 4;
    static final int HEADER = 10;

    private static final XXHash64 XX = XXHashFactory.fastestJavaInstance().hash64();

    /** The LOM could not be decoded: the object is treated as corrupted. */
    static final class CorruptMetaException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptMetaException(String msg) {
            super(msg);
        }
    }

    private ObjectMetaCodec() {}

    static byte[] encode(ObjectMeta m) {
        ByteArrayOutputStream p = new ByteArrayOutputStream(128);
        str(p, m.name());
        str(p, m.checksum().type().wire());
        str(p, m.checksum().value());
        str(p, m.version());
        fixed(p, m.size());
        fixed(p, m.mtimeMillis());
        varint(p, m.custom().size());
        for (Map.Entry<String, String> e : m.custom().entrySet()) {
            str(p, e.getKey());
            str(p, e.getValue());
        }
        varint(p, m.copies().size());
        for (String c : m.copies()) {
            str(p, c);
        }
        if (m.chunks() != null) {
            str(p, m.chunks().token());
            varint(p, m.chunks().sizes().size());
            for (long s : m.chunks().sizes()) {
                fixed(p, s);
            }
        }
        if (m.sums() != null) {
            fixed(p, m.sums().chunkSize());
            varint(p, m.sums().count());
            for (int i = 0; i < m.sums().count(); i++) {
                fixed(p, m.sums().hash(i));
            }
        }
        byte[] payload = p.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.BIG_ENDIAN);
        byte format = m.chunks() == null
                ? (m.sums() == null ? FORMAT : FORMAT_SUMS)
                : (m.sums() == null ? FORMAT_CHUNKED : FORMAT_CHUNKED_SUMS);
        out.put(format)
                .put((byte) 0)
                .putLong(XX.hash(payload, 0, payload.length, Hrw.SEED))
                .put(payload);
        return out.array();
    }

    static ObjectMeta decode(byte[] b) throws CorruptMetaException {
        if (b.length < HEADER) {
            throw new CorruptMetaException("object metadata too short (" + b.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        byte format = in.get();
        in.get();
        if (format < FORMAT || format > FORMAT_CHUNKED_SUMS) {
            throw new CorruptMetaException("unknown object metadata format " + format);
        }
        long stored = in.getLong();
        if (XX.hash(b, HEADER, b.length - HEADER, Hrw.SEED) != stored) {
            throw new CorruptMetaException("object metadata checksum mismatch");
        }
        try {
            String name = str(in);
            ChecksumType type = ChecksumType.of(str(in));
            String value = str(in);
            String version = str(in);
            long size = in.getLong();
            long mtime = in.getLong();
            int nc = count(in);
            Map<String, String> custom = new TreeMap<>();
            for (int i = 0; i < nc; i++) {
                custom.put(str(in), str(in));
            }
            int np = count(in);
            List<String> copies = new ArrayList<>(np);
            for (int i = 0; i < np; i++) {
                copies.add(str(in));
            }
            ChunkList chunks = null;
            if (format == FORMAT_CHUNKED || format == FORMAT_CHUNKED_SUMS) {
                String token = str(in);
                int n = count(in);
                List<Long> sizes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sizes.add(in.getLong());
                }
                chunks = new ChunkList(token, sizes);
            }
            ChunkSums sums = null;
            if (format == FORMAT_SUMS || format == FORMAT_CHUNKED_SUMS) {
                long chunkSize = in.getLong();
                if (chunkSize <= 0 || chunkSize > 1 << 30) {
                    throw new CorruptMetaException("object metadata has a bad chunk size " + chunkSize);
                }
                int n = count(in);
                if (n > in.remaining() / 8) {
                    throw new CorruptMetaException("object metadata chunk sums overrun");
                }
                long[] h = new long[n];
                for (int i = 0; i < n; i++) {
                    h[i] = in.getLong();
                }
                sums = new ChunkSums((int) chunkSize, h);
            }
            if (in.hasRemaining()
                    || size < 0
                    || (chunks != null && chunks.total() > size)
                    || (sums != null && !sums.fits(size))) {
                throw new CorruptMetaException("object metadata has a bad layout");
            }
            return new ObjectMeta(name, size, new Checksum(type, value), version, mtime, custom, copies, chunks, sums);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptMetaException("object metadata is truncated or invalid: " + e.getMessage());
        }
    }

    private static void str(ByteArrayOutputStream p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(p, b.length);
        p.write(b, 0, b.length);
    }

    private static String str(ByteBuffer in) throws CorruptMetaException {
        int n = count(in);
        if (n > in.remaining()) {
            throw new CorruptMetaException("object metadata string overruns");
        }
        ByteBuffer slice = in.slice();
        slice.limit(n);
        in.position(in.position() + n);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptMetaException("object metadata holds invalid UTF-8");
        }
    }

    private static void fixed(ByteArrayOutputStream p, long v) {
        for (int i = 7; i >= 0; i--) {
            p.write((int) (v >>> (i * 8)));
        }
    }

    private static void varint(ByteArrayOutputStream p, int v) {
        while ((v & ~0x7F) != 0) {
            p.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        p.write(v);
    }

    private static int count(ByteBuffer in) throws CorruptMetaException {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.get() & 0xFF;
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (v < 0 || v > in.capacity()) {
                    throw new CorruptMetaException("object metadata count out of range");
                }
                return v;
            }
        }
        throw new CorruptMetaException("object metadata varint too long");
    }
}

package net.aisj.core.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.aisj.connector.api.BucketId;

/**
 * An object created or deleted on this node (its owner), as kept in the event journal.
 *
 * @param kind {@link Kind#CREATED} (a write committed: PUT, S3 upload, copy, append flush, ...) or
 *     {@link Kind#DELETED}
 * @param size the object's size (0 for a delete)
 * @param version its version when the bucket keeps versions, else empty
 * @param timeMillis when it happened, Unix milliseconds
 */
public record ObjectEvent(Kind kind, BucketId bucket, String name, long size, String version, long timeMillis) {

    /** What happened. */
    public enum Kind {
        CREATED,
        DELETED;

        /** As the wire names it: {@code created}, {@code deleted}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int FORMAT = 1;

    public ObjectEvent {
        version = version == null ? "" : version;
    }

    /** Whether the event is about {@code bucket} (null: any) and a name starting with {@code prefix}. */
    public boolean matches(BucketId onlyBucket, String prefix) {
        return (onlyBucket == null || onlyBucket.equals(bucket)) && (prefix == null || name.startsWith(prefix));
    }

    /** The journal record. */
    public byte[] encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 + name.length());
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(FORMAT);
            out.writeByte(kind.ordinal());
            out.writeUTF(bucket.provider());
            out.writeUTF(bucket.namespace());
            out.writeUTF(bucket.name());
            byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(n.length);
            out.write(n);
            out.writeLong(size);
            out.writeUTF(version);
            out.writeLong(timeMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /**
     * Reads a journal record.
     *
     * @throws IllegalArgumentException when it is not one (another format, damaged)
     */
    public static ObjectEvent decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown object event format " + format);
            }
            int k = in.readUnsignedByte();
            if (k >= Kind.values().length) {
                throw new IllegalArgumentException("unknown object event kind " + k);
            }
            BucketId b = new BucketId(in.readUTF(), in.readUTF(), in.readUTF());
            int len = in.readInt();
            if (len < 0 || len > record.length) {
                throw new IllegalArgumentException("bad object name length " + len);
            }
            String name = new String(in.readNBytes(len), java.nio.charset.StandardCharsets.UTF_8);
            return new ObjectEvent(Kind.values()[k], b, name, in.readLong(), in.readUTF(), in.readLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("damaged object event record: " + e.getMessage(), e);
        }
    }
}

package net.aisj.service;

import java.io.InputStream;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;

/**
 * Object operations on this node's mountpaths, with the bucket's rules applied (checksum type, versioning, write
 * policy, checksum validation on read). Every method checks that the bucket exists (NOT_FOUND otherwise) and that
 * the name is acceptable (BAD_REQUEST). Thread-safe; streams are never buffered whole.
 */
@ApplicationScoped
public class ObjectService {

    @Inject
    StorageNode node;

    @Inject
    BucketService buckets;

    /** Stores an object; {@code expected} (may be null) is the client's checksum, verified before commit. */
    public ObjectStat put(ObjectId id, InputStream in, long contentLength, Checksum expected,
                          Map<String, String> custom) {
        BucketProps p = checked(id);
        PutOptions opts = options(p).withCustom(custom).withExpected(expected, contentLength);
        try (StorageConnection c = node.connection()) {
            return c.put(id, in, opts);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** Opens an object for streaming; the caller closes the reader. */
    public ObjectReader open(ObjectId id, boolean validateRequested) {
        BucketProps p = checked(id);
        boolean validate = validateRequested || p.checksum().validateWarmGet();
        try (StorageConnection c = node.connection()) {
            return c.open(id, validate);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    public ObjectStat head(ObjectId id) {
        checked(id);
        try (StorageConnection c = node.connection()) {
            return c.stat(id).orElseThrow(() -> noSuchObject(id));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** NOT_FOUND when absent (AIS answers 404 for a missing object). */
    public void delete(ObjectId id) {
        checked(id);
        try (StorageConnection c = node.connection()) {
            if (!c.delete(id)) {
                throw noSuchObject(id);
            }
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    public ObjectStat rename(ObjectId from, String newName) {
        checked(from);
        if (newName == null || newName.isEmpty()) {
            throw AisException.badRequest("rename-obj: missing the new name of " + from.cname());
        }
        checkName(new ObjectId(from.bucket(), newName));
        try (StorageConnection c = node.connection()) {
            return c.rename(from, newName);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    public ObjectStat copy(ObjectId from, ObjectId to) {
        checked(from);
        BucketProps dst = checked(to);
        try (StorageConnection c = node.connection()) {
            return c.copy(from, to, options(dst));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    public ObjectStat setCustom(ObjectId id, Map<String, String> custom, boolean replace) {
        checked(id);
        try (StorageConnection c = node.connection()) {
            return c.setCustom(id, custom, replace);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** AIS {@code append_type=append}: returns the handle for the next call. */
    public String append(ObjectId id, String handle, InputStream in) {
        checked(id);
        try (StorageConnection c = node.connection()) {
            return c.append(id, handle, in);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** AIS {@code append_type=flush}: commits the appended content. */
    public ObjectStat flush(ObjectId id, String handle, Checksum expected) {
        BucketProps p = checked(id);
        if (handle == null || handle.isEmpty()) {
            throw AisException.badRequest("flush of " + id.cname() + " requires an append handle");
        }
        try (StorageConnection c = node.connection()) {
            return c.flushAppend(id, handle, options(p).withExpected(expected, -1));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    public ObjectPage list(BucketId bucket, ListRequest request) {
        buckets.props(bucket);
        try (StorageConnection c = node.connection()) {
            return c.list(bucket, request);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    private BucketProps checked(ObjectId id) {
        BucketProps p = buckets.props(id.bucket());
        checkName(id);
        return p;
    }

    private static void checkName(ObjectId id) {
        String problem = ObjectNames.problem(id.name());
        if (problem != null) {
            String shown = id.name().length() > 80 ? id.name().substring(0, 80) + "..." : id.name();
            throw AisException.badRequest(problem + ": " + id.bucket().cname() + "/" + shown.replace('\0', '?'));
        }
    }

    private static PutOptions options(BucketProps p) {
        return new PutOptions(ChecksumType.of(p.checksum().type()), null, -1, Map.of(), p.versioning().enabled(),
                p.syncWrites());
    }

    static AisException noSuchObject(ObjectId id) {
        return AisException.notFound("object " + id.cname() + " does not exist");
    }
}

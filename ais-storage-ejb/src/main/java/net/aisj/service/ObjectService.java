package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.backend.Backends;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.hrw.Hrw;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.cache.CacheService;
import net.aisj.service.ec.EcHooks;
import net.aisj.service.events.ObjectEvents;

/**
 * Object operations on this node's mountpaths, with the bucket's rules applied (checksum type, versioning, write
 * policy, checksum validation on read); objects that other targets send here are {@link ObjectReceiver}'s, bucket
 * listing is {@link ObjectListing}'s. Every method checks that the bucket exists (NOT_FOUND otherwise) and that
 * the name is acceptable (BAD_REQUEST). Thread-safe; streams are never buffered whole.
 */
@ApplicationScoped
public class ObjectService {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(ObjectService.class.getName());

    /** Self, cluster map and connections without an EJB call per request. */
    @Inject
    LocalNode local;

    @Inject
    BucketService buckets;

    /** Erasure coding's part in an object's life (no-ops for buckets without EC). */
    @Inject
    EcHooks ec;

    /** Objects other targets send here; told about client deletes so that a late rebalance copy stays deleted. */
    @Inject
    ObjectReceiver receiver;

    /** Whether a rebalance may still bring this node later writes than its own copies. */
    @Inject
    RebalanceWindow window;

    /** The latest write of an object among the targets, when the local copy may be stale or missing. */
    @Inject
    LatestCopy copies;

    /** Buckets that live in a backend: cold GET, write-through (see {@link CacheService}). */
    @Inject
    CacheService cache;

    /** The node's object events (created, deleted), for the JCA connector's message-driven beans. */
    @Inject
    ObjectEvents events;

    /** Stores an object; {@code expected} (may be null) is the client's checksum, verified before commit. */
    public ObjectStat put(
            ObjectId id, InputStream in, long contentLength, Checksum expected, Map<String, String> custom) {
        BucketProps p = checked(id);
        if (Backends.isRemote(id.bucket(), p)) {
            ObjectStat st = cache.put(id, p, in, contentLength, expected, custom, false);
            events.created(id, st);
            return st;
        }
        PutOptions opts = options(p).withCustom(custom).withExpected(expected, contentLength);
        ObjectStat st;
        try (StorageConnection c = local.connection()) {
            st = c.put(id, in, opts);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        ec.afterPut(id, p);
        events.created(id, st);
        return st;
    }

    /**
     * Stores an object for the S3 API: like {@link #put} without a client checksum, plus the content's MD5 computed
     * while streaming and stored as the custom key {@link PutOptions#ETAG} (quoted hex), whatever the bucket's
     * checksum type. The returned stat carries it.
     */
    public ObjectStat putWithEtag(ObjectId id, InputStream in, long contentLength, Map<String, String> custom) {
        BucketProps p = checked(id);
        if (Backends.isRemote(id.bucket(), p)) {
            ObjectStat st = cache.put(id, p, in, contentLength, null, custom, true);
            events.created(id, st);
            return st;
        }
        PutOptions opts =
                options(p).withCustom(custom).withExpected(null, contentLength).withMd5Etag();
        ObjectStat st;
        try (StorageConnection c = local.connection()) {
            st = c.put(id, in, opts);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        ec.afterPut(id, p);
        events.created(id, st);
        return st;
    }

    /**
     * Like {@link #redirect(ObjectId)}, for a call another node redirected here after choosing the owner by cluster
     * map {@code seenVersion} (0: not redirected): when this node's map is older, it first waits up to
     * {@link #REDIRECT_CATCH_UP} to learn that version.
     */
    public Optional<NodeInfo> redirect(ObjectId id, long seenVersion) {
        if (seenVersion > local.clusterMap().version()) {
            local.awaitClusterMapVersion(seenVersion, REDIRECT_CATCH_UP);
        }
        return redirect(id);
    }

    /**
     * How long a node on an older cluster map than the node that redirected a call here waits to learn the newer
     * one before it decides the owner itself (two nodes on different maps would otherwise send a client back and
     * forth while the cluster changes).
     */
    static final java.time.Duration REDIRECT_CATCH_UP = java.time.Duration.ofSeconds(3);

    /**
     * The node that serves object calls for {@code id} when it is not this one (the HRW owner); empty when this
     * node is the owner. UNAVAILABLE when the cluster has no target in service, and while this node is cut off from
     * the majority of the cluster (every object call asks this first).
     */
    public Optional<NodeInfo> redirect(ObjectId id) {
        local.checkQuorum();
        ClusterMap map = local.clusterMap();
        String self = local.self().id();
        if (map.targets().size() == 1 && map.targets().get(0).id().equals(self)) {
            return Optional.empty();
        }
        NodeInfo owner = TargetPlacement.owner(map, id.uname());
        return owner.id().equals(self) ? Optional.empty() : Optional.of(owner);
    }

    /**
     * Opens an object for streaming; the caller closes the reader. If this node does not have it (a rebalance is
     * moving it here), a neighbor that has it serves it (get-from-neighbor), so an existing object is never 404. While
     * a rebalance may still bring later writes here ({@link RebalanceWindow}), the latest write among all targets is
     * served even when this node has a copy: a neighbor's later copy, or 404 when it was deleted after this copy was
     * written (a target back with old copies serves none of them stale).
     * Unless the bucket turned {@code checksum.validate_warm_get} off (on by default, unlike AIS), the reader
     * verifies what it serves: a small object before its first byte (a bad copy is replaced by a good one or
     * restored from erasure-coded slices before anything is sent), a large one while it streams (a bad copy cuts
     * the transfer before its last chunk: {@link net.aisj.connector.api.ChecksumMismatchException}).
     */
    public ObjectReader open(ObjectId id, boolean validateRequested) {
        return open(id, validateRequested, false);
    }

    /**
     * Like {@link #open(ObjectId, boolean)}; for a bucket that lives in a backend, an object not cached here is
     * fetched (cold GET) and, with {@code latest} (AIS {@code latest-ver}), one changed remotely is fetched again.
     */
    public ObjectReader open(ObjectId id, boolean validateRequested, boolean latest) {
        BucketProps p = checked(id);
        if (Backends.isRemote(id.bucket(), p)) {
            return cache.open(id, p, validateRequested || p.checksum().validateWarmGet(), latest);
        }
        boolean validate = validateRequested || p.checksum().validateWarmGet();
        if (window.isOpen()) {
            // a rebalance may still be bringing a later write here: the local copy alone is not trusted
            Optional<ObjectStat> here = localStat(id);
            Optional<ObjectReader> elsewhere = latestElsewhere(id, here, copies.find(id, here));
            if (elsewhere.isPresent()) {
                return elsewhere.get();
            }
        }
        try (StorageConnection c = local.connection()) {
            return ec.repairing(id, p, c.open(id, validate));
        } catch (StorageException e) {
            if (e.reason() != StorageException.Reason.NOT_FOUND) {
                Optional<ObjectReader> restored =
                        e.reason() == StorageException.Reason.CORRUPTED ? ec.openCorrupt(id, p, e) : Optional.empty();
                return restored.orElseThrow(() -> StorageErrors.map(e));
            }
        }
        LatestCopy.Found f = copies.find(id, Optional.empty());
        Optional<ObjectReader> elsewhere = latestElsewhere(id, Optional.empty(), f);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        // A rebalance deletes its copy only after this node committed one: if no peer had it, it is here now.
        try (StorageConnection c = local.connection()) {
            return c.open(id, validate);
        } catch (StorageException e) {
            if (e.reason() != StorageException.Reason.NOT_FOUND) {
                throw StorageErrors.map(e);
            }
        }
        if (f.recordsOnly()) {
            // deleted, and no copy anywhere: slices left on a target that was away must not restore it
            throw missing(id);
        }
        return ec.openMissing(id, p).orElseThrow(() -> missing(id));
    }

    /**
     * The latest write of {@code id} ({@code f}) when it is not {@code here} (this node's copy, may be empty): a neighbor's copy
     * to stream (get-from-neighbor), or NOT_FOUND when the latest write is a delete (an older copy here is dropped).
     * Empty when this node's copy is the latest, or nobody has one.
     */
    private Optional<ObjectReader> latestElsewhere(ObjectId id, Optional<ObjectStat> here, LatestCopy.Found f) {
        if (f.deleted()) {
            if (here.isPresent()) {
                receiver.applyDelete(id, f.deletedAtMillis().getAsLong());
            }
            throw noSuchObject(id);
        }
        if (f.peer().isPresent()) {
            return Optional.of(new RemoteObjectReader(
                    local.intra(), f.peer().get(), id, f.copy().get(), () -> localOpen(id)));
        }
        return Optional.empty();
    }

    public ObjectStat head(ObjectId id) {
        return head(id, false);
    }

    /** The object's metadata; for a bucket in a backend, the backend's when not cached here. */
    public ObjectStat head(ObjectId id, boolean latest) {
        BucketProps p = checked(id);
        if (Backends.isRemote(id.bucket(), p)) {
            return cache.head(id, p, latest);
        }
        Optional<ObjectStat> here = localStat(id);
        if (here.isEmpty() || window.isOpen()) {
            LatestCopy.Found f = copies.find(id, here);
            if (f.deleted()) {
                throw noSuchObject(id);
            }
            if (f.peer().isPresent()) {
                return f.copy().get();
            }
        }
        return here.or(() -> localStat(id))
                .or(() -> ec.statMissing(id, buckets.props(id.bucket())))
                .orElseThrow(() -> missing(id));
    }

    /** Deletes the local copy if it is still {@code expected} (same version and checksum); used by rebalance. */
    public boolean localDeleteIfUnchanged(ObjectId id, ObjectStat expected) {
        try (StorageConnection c = local.connection()) {
            Optional<ObjectStat> now = c.stat(id);
            if (now.isPresent()
                    && now.get().version().equals(expected.version())
                    && now.get().checksum().equals(expected.checksum())
                    && now.get().size() == expected.size()) {
                return c.delete(id);
            }
            return false;
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /**
     * Sends an object committed here to its owner when this node is not the owner (a multipart upload completed
     * on the target that held it after a rebalance moved the key), then drops the local copy if still unchanged.
     * Returns the owner's stat; empty when this node is the owner. A failed send leaves the object here, where
     * get-from-neighbor still finds it.
     */
    public Optional<ObjectStat> handOver(ObjectId id) {
        Optional<NodeInfo> owner = redirect(id);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        try (ObjectReader r = localOpen(id)) {
            local.intra().push(owner.get(), id, r.stat(), r.stream(), "");
            localDeleteIfUnchanged(id, r.stat());
            return Optional.of(r.stat());
        } catch (java.io.IOException | AisException e) {
            LOG.warning("cannot hand " + id.cname() + " over to its owner "
                    + owner.get().displayName() + ": " + e.getMessage() + "; it stays here");
            return Optional.empty();
        }
    }

    /** Local-only metadata (intra-cluster calls). */
    public Optional<ObjectStat> localStat(ObjectId id) {
        try (StorageConnection c = local.connection()) {
            return c.stat(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** Local-only read (intra-cluster calls); NOT_FOUND when this node does not hold it. */
    public ObjectReader localOpen(ObjectId id) {
        try (StorageConnection c = local.connection()) {
            return c.open(id, false);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /**
     * 404, unless a target that is down may hold the object: its owner by HRW over the departed targets too, or its
     * owner under a recent cluster map, or any target that went down before it finished a rebalance (a rebalance cut
     * short by a kill leaves objects on their previous owner): 503.
     */
    private AisException missing(ObjectId id) {
        List<NodeInfo> departed =
                local.departedTargets().stream().filter(NodeInfo::inService).toList();
        if (!departed.isEmpty()) {
            List<NodeInfo> all = new java.util.ArrayList<>(local.clusterMap().targets().stream()
                    .filter(NodeInfo::inService)
                    .toList());
            all.addAll(departed);
            java.util.Set<String> down =
                    departed.stream().map(NodeInfo::id).collect(java.util.stream.Collectors.toSet());
            List<NodeInfo> owners = new java.util.ArrayList<>();
            owners.add(Hrw.best(all, Hrw.digest(id.uname()), NodeInfo::idDigest));
            owners.addAll(window.recentOwners(id.uname()));
            for (NodeInfo owner : owners) {
                if (down.contains(owner.id())) {
                    return new AisException(
                            AisException.Kind.UNAVAILABLE,
                            "target " + owner.displayName() + " that holds " + id.cname() + " is down");
                }
            }
            Optional<NodeInfo> unsettled = window.unsettled(departed);
            if (unsettled.isPresent()) {
                return new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "target " + unsettled.get().displayName() + " that may hold " + id.cname()
                                + " is down (it went down before its rebalance finished)");
            }
        }
        return noSuchObject(id);
    }

    /**
     * Deletes the object and keeps a delete record that rebalance honours; when it is not here, or while a rebalance
     * may still be moving it ({@link RebalanceWindow}), every other target drops its copy written before this delete
     * too (it may still be on its previous owner). NOT_FOUND when absent everywhere (AIS answers 404 for a missing
     * object), UNAVAILABLE when absent but its owner by HRW over the departed targets is down (as for a GET: the object may well exist there, so "deleted" would be a lie).
     */
    public void delete(ObjectId id) {
        BucketProps p = checked(id);
        if (Backends.isRemote(id.bucket(), p)) {
            receiver.deleted(id, System.currentTimeMillis());
            cache.delete(id, p);
            events.deleted(id);
            return;
        }
        // also when absent here: a rebalance may still be sending the object from its previous owner
        long now = System.currentTimeMillis();
        receiver.deleted(id, now);
        boolean deleted;
        try (StorageConnection c = local.connection()) {
            deleted = c.delete(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        if (!deleted || window.isOpen()) {
            // during a rebalance the object may still be (also) on its previous owner: deleted wherever it is
            deleted |= copies.deleteOnPeers(id, now);
        }
        if (!ec.deleted(id, p) && !deleted) {
            throw missing(id);
        }
        events.deleted(id);
    }

    public ObjectStat rename(ObjectId from, String newName) {
        BucketProps p = checked(from);
        if (newName == null || newName.isEmpty()) {
            throw AisException.badRequest("rename-obj: missing the new name of " + from.cname());
        }
        ObjectId to = new ObjectId(from.bucket(), newName);
        checkName(to);
        ObjectStat st;
        try (StorageConnection c = local.connection()) {
            st = c.rename(from, newName);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        if (!newName.equals(from.name())) {
            ec.renamed(from, to, p);
        }
        return st;
    }

    public ObjectStat copy(ObjectId from, ObjectId to) {
        checked(from);
        BucketProps dst = checked(to);
        ObjectStat st;
        try (StorageConnection c = local.connection()) {
            st = c.copy(from, to, options(dst));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        ec.afterPut(to, dst);
        events.created(to, st);
        return st;
    }

    /** Makes the erasure-coded redundancy of an object just committed here by another path (S3 multipart). */
    public void protectAfterWrite(ObjectId id) {
        ec.afterPut(id, checked(id));
        events.created(id, localStat(id).orElse(null));
    }

    public ObjectStat setCustom(ObjectId id, Map<String, String> custom, boolean replace) {
        checked(id);
        try (StorageConnection c = local.connection()) {
            return c.setCustom(id, custom, replace);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** AIS {@code append_type=append}: returns the handle for the next call. */
    public String append(ObjectId id, String handle, InputStream in) {
        checked(id);
        try (StorageConnection c = local.connection()) {
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
        ObjectStat st;
        try (StorageConnection c = local.connection()) {
            st = c.flushAppend(id, handle, options(p).withExpected(expected, -1));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        ec.afterPut(id, p);
        events.created(id, st);
        return st;
    }

    private BucketProps checked(ObjectId id) {
        BucketProps p = buckets.props(id.bucket());
        checkName(id);
        return p;
    }

    static void checkName(ObjectId id) {
        String problem = ObjectNames.problem(id.name());
        if (problem != null) {
            String shown = id.name().length() > 80 ? id.name().substring(0, 80) + "..." : id.name();
            throw new AisException(
                    ObjectNames.tooLong(id.name())
                            ? AisException.Reason.NAME_TOO_LONG
                            : AisException.Reason.INVALID_NAME,
                    problem + ": " + id.bucket().cname() + "/" + shown.replace('\0', '?'));
        }
    }

    /** How the bucket stores an object: checksum, versioning, write policy, mirror copies. */
    public static PutOptions options(BucketProps p) {
        return new PutOptions(
                        ChecksumType.of(p.checksum().type()),
                        null,
                        -1,
                        Map.of(),
                        p.versioning().enabled(),
                        p.syncWrites())
                .withCopies(p.mirror().effectiveCopies(), p.mirror().syncPut());
    }

    static AisException noSuchObject(ObjectId id) {
        return AisException.noSuchObject(id.cname());
    }
}

package net.aisj.core;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * A bucket's properties, AIS names and defaults ({@code Ais-Bucket-Props}, {@code set-bprops}). Immutable; every
 * change produces a new value through {@link #validated()}.
 *
 * @param created unix nanoseconds of creation
 * @param bid     bucket id, unique per creation (a re-created bucket gets a new one)
 * @param cors    the S3 API's cross-origin rules (kept in the BMD, not among AIS's props)
 */
public record BucketProps(
        String provider,
        Checksum checksum,
        Versioning versioning,
        Mirror mirror,
        Ec ec,
        WritePolicy writePolicy,
        Lru lru,
        String access,
        long created,
        long bid,
        Remote remote,
        BucketCors cors)
        implements Serializable {

    /** The providers a bucket may have (AIS names; aliases are normalised by the caller). */
    public static final Set<String> PROVIDERS = Set.of("ais", "aws", "ht", "gcp", "azure", "oci", "hdfs");

    private static final Set<String> CHECKSUM_TYPES =
            Set.of("none", "xxhash", "xxhash2", "md5", "crc32c", "sha256", "sha512");
    private static final Set<String> WRITE_POLICIES = Set.of("", "immediate", "delayed", "never");

    /** {@code checksum.*} */
    public record Checksum(
            String type,
            boolean validateColdGet,
            boolean validateWarmGet,
            boolean validateObjMove,
            boolean enableReadRange)
            implements Serializable {}

    /** {@code versioning.*} */
    public record Versioning(boolean enabled, boolean validateWarmGet, boolean synchronize) implements Serializable {}

    /**
     * {@code mirror.*}; {@code syncPut} (ours, {@code mirror.sync_put}) makes a PUT return only after its copies are
     * written, instead of right after the first (AIS's behavior, the default).
     */
    public record Mirror(boolean enabled, int copies, int burstBuffer, boolean syncPut) implements Serializable {

        /** The copies a PUT makes: {@code copies} when enabled, else 1. */
        public int effectiveCopies() {
            return enabled ? copies : 1;
        }
    }

    /**
     * {@code ec.*}; {@code syncPut} (ours, {@code ec.sync_put}) makes a PUT return only after its slices or replicas
     * are stored on their targets.
     */
    public record Ec(
            boolean enabled, int dataSlices, int paritySlices, long objsizeLimit, String compression, boolean syncPut)
            implements Serializable {}

    /** {@code write_policy.*}: "" means the default (immediate). */
    public record WritePolicy(String data, String md) implements Serializable {}

    /** {@code lru.*} */
    public record Lru(boolean enabled, String dontEvictTime, String capacityUpdTime) implements Serializable {}

    /**
     * Where a bucket's objects come from when it is not a plain {@code ais://} bucket: {@code backend_bck} (an
     * {@code ais://} bucket backed by a remote one), the per-bucket {@code extra.aws.*} settings of an S3 bucket and
     * the origin of an {@code ht://} bucket ({@code extra.http.original_url}: its base URL, ending in {@code /}), and
     * the Azure, Google and HDFS settings of {@link CloudExtra}. Empty strings mean "not set".
     */
    public record Remote(
            String backendProvider,
            String backendNamespace,
            String backendName,
            String awsEndpoint,
            String awsProfile,
            String awsRegion,
            String httpOrigin,
            CloudExtra cloud)
            implements Serializable {

        public static final Remote NONE = new Remote("", "", "", "", "", "", "", CloudExtra.NONE);

        /** Settings without an HTTP origin. */
        public Remote(
                String backendProvider,
                String backendNamespace,
                String backendName,
                String awsEndpoint,
                String awsProfile,
                String awsRegion) {
            this(
                    backendProvider,
                    backendNamespace,
                    backendName,
                    awsEndpoint,
                    awsProfile,
                    awsRegion,
                    "",
                    CloudExtra.NONE);
        }

        public Remote {
            backendProvider = backendProvider == null ? "" : backendProvider;
            backendNamespace = backendNamespace == null ? "" : backendNamespace;
            backendName = backendName == null ? "" : backendName;
            awsEndpoint = awsEndpoint == null ? "" : awsEndpoint;
            awsProfile = awsProfile == null ? "" : awsProfile;
            awsRegion = awsRegion == null ? "" : awsRegion;
            httpOrigin = httpOrigin == null ? "" : httpOrigin;
            cloud = cloud == null ? CloudExtra.NONE : cloud;
        }

        /** The same settings with the {@code ht://} origin {@code base}. */
        public Remote withHttpOrigin(String base) {
            return new Remote(
                    backendProvider, backendNamespace, backendName, awsEndpoint, awsProfile, awsRegion, base, cloud);
        }

        /** Whether {@code backend_bck} names a bucket. */
        public boolean hasBackendBck() {
            return !backendName.isEmpty();
        }
    }

    public BucketProps {
        remote = remote == null ? Remote.NONE : remote;
        cors = cors == null ? BucketCors.NONE : cors;
    }

    /** Props without CORS rules. */
    public BucketProps(
            String provider,
            Checksum checksum,
            Versioning versioning,
            Mirror mirror,
            Ec ec,
            WritePolicy writePolicy,
            Lru lru,
            String access,
            long created,
            long bid,
            Remote remote) {
        this(
                provider,
                checksum,
                versioning,
                mirror,
                ec,
                writePolicy,
                lru,
                access,
                created,
                bid,
                remote,
                BucketCors.NONE);
    }

    /** Props without remote settings (a plain {@code ais://} bucket). */
    public BucketProps(
            String provider,
            Checksum checksum,
            Versioning versioning,
            Mirror mirror,
            Ec ec,
            WritePolicy writePolicy,
            Lru lru,
            String access,
            long created,
            long bid) {
        this(provider, checksum, versioning, mirror, ec, writePolicy, lru, access, created, bid, Remote.NONE);
    }

    /** The defaults of a remote bucket added to the BMD on first access ({@code aws://b}, {@code ht://b}, ...). */
    public static BucketProps remoteDefaults(String provider, long createdNanos, long bid) {
        BucketProps d = defaults(createdNanos, bid);
        return new BucketProps(
                provider,
                d.checksum,
                d.versioning,
                d.mirror,
                d.ec,
                d.writePolicy,
                d.lru,
                d.access,
                createdNanos,
                bid,
                Remote.NONE);
    }

    /** The same props with other remote settings. */
    public BucketProps withRemote(Remote r) {
        return new BucketProps(
                provider, checksum, versioning, mirror, ec, writePolicy, lru, access, created, bid, r, cors);
    }

    /** The same props with other CORS rules ({@link BucketCors#NONE} to delete them). */
    public BucketProps withCors(BucketCors c) {
        return new BucketProps(
                provider, checksum, versioning, mirror, ec, writePolicy, lru, access, created, bid, remote, c);
    }

    /** Whether objects of this bucket live in a backend (a remote bucket, or one with {@code backend_bck}). */
    public boolean isRemote() {
        return !"ais".equals(provider) || remote.hasBackendBck();
    }

    /** The defaults AIS gives an {@code ais://} bucket. */
    public static BucketProps defaults(long createdNanos, long bid) {
        return new BucketProps(
                "ais",
                new Checksum("xxhash2", true, true, false, false),
                new Versioning(true, false, false),
                new Mirror(false, 1, 128, false),
                new Ec(false, 2, 2, 256 * 1024, "never", false),
                new WritePolicy("", ""),
                new Lru(true, "2h0m", "10m"),
                "0",
                createdNanos,
                bid);
    }

    /** Whether a PUT must be on disk (fsync) before it is acknowledged. */
    public boolean syncWrites() {
        return writePolicy.data().isEmpty() || writePolicy.data().equals("immediate");
    }

    /** @throws AisException BAD_REQUEST naming the first invalid property */
    public BucketProps validated() {
        String t = checksum.type().toLowerCase(Locale.ROOT);
        if (!CHECKSUM_TYPES.contains(t)) {
            throw AisException.badRequest(
                    "invalid checksum.type \"" + checksum.type() + "\" (expected one of " + CHECKSUM_TYPES + ")");
        }
        if (mirror.copies() < 1 || mirror.copies() > 32) {
            throw AisException.badRequest("invalid mirror.copies " + mirror.copies() + " (expected 1..32)");
        }
        if (mirror.enabled() && mirror.copies() < 2) {
            throw AisException.badRequest("mirror.enabled requires mirror.copies >= 2");
        }
        if (ec.dataSlices() < 1 || ec.dataSlices() > 100) {
            throw AisException.badRequest("invalid ec.data_slices " + ec.dataSlices() + " (expected 1..100)");
        }
        if (ec.paritySlices() < 1 || ec.paritySlices() > 32) {
            throw AisException.badRequest("invalid ec.parity_slices " + ec.paritySlices() + " (expected 1..32)");
        }
        if (ec.objsizeLimit() < 0) {
            throw AisException.badRequest("invalid ec.objsize_limit " + ec.objsizeLimit());
        }
        if (!WRITE_POLICIES.contains(writePolicy.data()) || !WRITE_POLICIES.contains(writePolicy.md())) {
            throw AisException.badRequest("invalid write_policy (expected immediate, delayed or never)");
        }
        if (!PROVIDERS.contains(provider)) {
            throw AisException.badRequest("invalid provider \"" + provider + "\"");
        }
        remote.cloud().validated();
        if (remote.hasBackendBck()) {
            if (!"ais".equals(provider)) {
                throw AisException.badRequest(
                        "backend_bck can only be set on an ais:// bucket (this one is " + provider + "://)");
            }
            if (!PROVIDERS.contains(remote.backendProvider())
                    || ("ais".equals(remote.backendProvider())
                            && remote.backendNamespace().isEmpty())) {
                throw AisException.badRequest("invalid backend_bck provider \"" + remote.backendProvider()
                        + "\" (expected a remote bucket: aws, ht or ais://@alias)");
            }
        }
        return t.equals(checksum.type())
                ? this
                : new BucketProps(
                        provider,
                        new Checksum(
                                t,
                                checksum.validateColdGet(),
                                checksum.validateWarmGet(),
                                checksum.validateObjMove(),
                                checksum.enableReadRange()),
                        versioning,
                        mirror,
                        ec,
                        writePolicy,
                        lru,
                        access,
                        created,
                        bid,
                        remote,
                        cors);
    }

    /**
     * The checks AIS makes when props change: EC cannot be switched off or re-shaped once on.
     *
     * @throws AisException BAD_REQUEST
     */
    public void checkTransitionTo(BucketProps next) {
        if (ec.enabled()) {
            if (!next.ec.enabled()) {
                throw AisException.badRequest("erasure coding cannot be disabled once enabled");
            }
            if (next.ec.dataSlices() != ec.dataSlices() || next.ec.paritySlices() != ec.paritySlices()) {
                throw AisException.badRequest("erasure coding data/parity slices cannot be changed once enabled");
            }
        }
    }

    public BucketProps withVersioning(Versioning v) {
        return new BucketProps(provider, checksum, v, mirror, ec, writePolicy, lru, access, created, bid, remote, cors);
    }

    public BucketProps withMirror(Mirror m) {
        return new BucketProps(
                provider, checksum, versioning, m, ec, writePolicy, lru, access, created, bid, remote, cors);
    }

    /**
     * These properties under another bucket's identity (a copy's destination takes the source's settings, not its
     * backend or its CORS rules).
     */
    public BucketProps withIdentity(long createdNanos, long newBid) {
        return new BucketProps(
                provider, checksum, versioning, mirror, ec, writePolicy, lru, access, createdNanos, newBid);
    }
}

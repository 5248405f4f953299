package net.aisj.core;

/**
 * A change to a bucket's properties: AIS's {@code set-bprops} value or the props of {@code create-bck}, parsed by
 * the transport, or a change a service makes itself (mirror copies, EC settings, S3 versioning). AIS patches merge
 * into the current properties, so a change is a function of them; the bucket service validates the result and
 * applies it atomically.
 */
@FunctionalInterface
public interface BucketPropsChange {

    /**
     * The properties after this change.
     *
     * @throws AisException BAD_REQUEST when the change does not apply to {@code current}
     */
    BucketProps applyTo(BucketProps current);

    /** No change: the properties stay (for {@code create-bck}: the defaults). */
    static BucketPropsChange none() {
        return current -> current;
    }
}

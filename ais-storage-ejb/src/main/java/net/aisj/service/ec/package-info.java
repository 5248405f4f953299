/**
 * Erasure coding across targets (AIS {@code ec/}): the main target of an object in an EC bucket sends replicas or
 * slices to the next targets of the object's HRW list after a PUT ({@link net.aisj.service.ec.EcWriter}, in the
 * background or, with {@code ec.sync_put}, before the PUT returns), restores a missing or corrupt object from the
 * survivors ({@link net.aisj.service.ec.EcRestorer}), and re-creates what a lost target held ({@code ec-recover}
 * job); {@link net.aisj.service.ec.EcHooks} is what the object service calls in an object's life,
 * {@link net.aisj.service.ec.EcService} the facade behind it and the intra endpoints. All of it runs on the resource
 * adapter's WorkManager, in per-role lanes ({@link net.aisj.service.ec.EcLanes}). The main target is the source of
 * truth for its object: a holder keeping a newer generation refuses a slice visibly, and the main replaces that
 * generation ({@link net.aisj.service.ec.EcRefusals}).
 */
package net.aisj.service.ec;

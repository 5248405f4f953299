/**
 * dsort, distributed resharding ({@code /v1/sort}): the per-target job ({@link net.aisj.service.dsort.DsortXaction}:
 * extract, then build the output shards this target owns), the coordinating target's ordering and planning
 * ({@link net.aisj.service.dsort.DsortCoordinator}) and the entry points ({@link net.aisj.service.dsort.DsortService},
 * {@link net.aisj.service.dsort.DsortParts}). Progress is reported as {@link net.aisj.core.dsort.DsortJobInfo}
 * values; the request spec is parsed by the transport, and the calls between targets with their documents are in
 * {@link net.aisj.cluster.DsortIntra} and {@link net.aisj.cluster.DsortJson}. Record contents live in scratch files
 * on the mountpaths, never in the heap; only record metadata is kept in memory.
 */
package net.aisj.service.dsort;

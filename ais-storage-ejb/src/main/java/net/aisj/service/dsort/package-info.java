/**
 * dsort, distributed resharding ({@code /v1/sort}): the request's JSON ({@link net.aisj.service.dsort.DsortSpecJson}),
 * the per-target job ({@link net.aisj.service.dsort.DsortXaction}: extract, then build the output shards this target
 * owns), the coordinating target's ordering and planning ({@link net.aisj.service.dsort.DsortCoordinator}), the
 * calls between targets ({@link net.aisj.service.dsort.DsortIntra}) and the entry points
 * ({@link net.aisj.service.dsort.DsortService}). Record contents live in scratch files on the mountpaths, never in
 * the heap; only record metadata is kept in memory.
 */
package net.aisj.service.dsort;

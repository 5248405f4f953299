/**
 * Archives and shards (AIS {@code cmn/archive}): reading members of tar, tgz, zip and tar.lz4 objects, writing
 * such archives as a stream, member selection ({@code archmode}), the {@code archive} job and Get-Batch
 * ({@code /v1/ml/moss}). Nothing here holds a whole shard in memory.
 */
package net.aisj.service.archive;

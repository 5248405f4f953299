/**
 * Transport for archives and shards: reading members ({@code archpath}, {@code archregx}/{@code archmode}),
 * appending to a shard ({@code PUT ?archpath=} + {@code Ais-Pine}), the {@code archive} bucket action, listing a
 * shard's members ({@code LsArchDir}) and Get-Batch ({@code GET /v1/ml/moss/{bucket}}). The rules live in
 * {@code net.aisj.service.archive}.
 */
package net.aisj.web.nat.arch;

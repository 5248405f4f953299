/**
 * The pure parts of dsort (distributed resharding): the validated request, records and their parts, ordering
 * (name, content key, seeded shuffle, md5, input order) and cutting the ordered records into output shards. No I/O,
 * no container or grid types: the job itself lives in {@code net.aisj.service.dsort}.
 */
package net.aisj.core.dsort;

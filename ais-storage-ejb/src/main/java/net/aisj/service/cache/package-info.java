/**
 * The cache tier: remote buckets in the BMD ({@link net.aisj.service.cache.RemoteBuckets}), cold and warm GET,
 * write-through PUT and DELETE ({@link net.aisj.service.cache.CacheService}), listings that merge what is cached with
 * the remote listing ({@link net.aisj.service.cache.RemoteListing}), prefetch and evict jobs, capacity (the
 * {@code lru} job and the space watermarks, {@link net.aisj.service.cache.LruService}) and {@code blob-download}
 * ({@link net.aisj.service.cache.BlobDownloads}).
 */
package net.aisj.service.cache;

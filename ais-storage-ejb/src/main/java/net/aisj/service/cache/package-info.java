/**
 * The cache tier: remote buckets in the BMD ({@link net.aisj.service.cache.RemoteBuckets}), cold and warm GET,
 * write-through PUT and DELETE ({@link net.aisj.service.cache.CacheService}), listings that merge what is cached with
 * the remote listing ({@link net.aisj.service.cache.RemoteListing}), prefetch and evict jobs.
 */
package net.aisj.service.cache;

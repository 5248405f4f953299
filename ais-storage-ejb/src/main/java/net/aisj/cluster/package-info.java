/**
 * Cluster metadata behind interfaces: the Hazelcast-backed store of versioned snapshots and the AIS JSON codec
 * used for the wire, for Hazelcast values and for the copies kept on mountpaths.
 */
package net.aisj.cluster;

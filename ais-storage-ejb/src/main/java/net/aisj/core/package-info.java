/** The domain: bucket names and properties, cluster map, bucket metadata, domain errors. No jakarta.*, no Hazelcast. */
package net.aisj.core;

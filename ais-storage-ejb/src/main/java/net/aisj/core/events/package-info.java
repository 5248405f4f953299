/**
 * Object events as the node records them in its event journal (created, deleted), and a page of them as read back.
 * Plain values with their journal encoding; no jakarta.*, no Hazelcast.
 */
package net.aisj.core.events;

package net.aisj.connector.api.ec;

import net.aisj.connector.api.Checksum;

/**
 * A work file the engine holds for a caller (an encoded slice, a slice fetched from another target): an opaque
 * token, its size and its xxhash2 checksum. Released by the caller; leftovers are swept with the other work files.
 */
public record Spooled(String token, long size, Checksum checksum) {}

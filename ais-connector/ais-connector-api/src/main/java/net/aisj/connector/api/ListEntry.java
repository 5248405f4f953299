package net.aisj.connector.api;

import java.io.Serializable;

/**
 * One listed name. For a plain object {@code stat} is set unless the listing was name-only; for a "directory"
 * (no-recursion listings) {@code dir} is true, the name ends with '/', and {@code stat} is null.
 */
public record ListEntry(String name, boolean dir, ObjectStat stat) implements Serializable {}

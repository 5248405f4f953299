package net.aisj.core;

/** A file inside a shard (an archive object): its name within the shard and its size in bytes. */
public record ArchiveMember(String name, long size) {}

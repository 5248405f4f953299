package net.aisj.client;

/**
 * One object of a listing.
 *
 * @param checksum the checksum value, empty when not listed
 * @param version empty when the bucket keeps none
 */
public record ObjectEntry(String name, long size, String checksum, String version) {}

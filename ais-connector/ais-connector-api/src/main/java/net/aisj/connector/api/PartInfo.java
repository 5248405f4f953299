package net.aisj.connector.api;

import java.io.Serializable;

/**
 * One uploaded part of a multipart upload.
 *
 * @param number      1..10000
 * @param size        bytes
 * @param md5         lower-case hex MD5 of the part's content
 * @param mtimeMillis when it was stored
 */
public record PartInfo(int number, long size, String md5, long mtimeMillis) implements Serializable {}

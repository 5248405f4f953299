/**
 * The storage engine in plain Java (no {@code jakarta.*}): mountpaths, the on-disk layout, object files and their
 * metadata (LOM), PUT transactions, listings and background cleanup; {@link net.aisj.connector.fs.StorageEngine} is
 * the facade the JCA connection delegates to.
 *
 * <h2>On-disk layout</h2>
 * <pre>
 * &lt;mountpath&gt;/.ais.vmd                          volume record (node id, mountpaths)
 * &lt;mountpath&gt;/.ais.&lt;doc&gt;                        metadata documents (storeMeta/loadMeta)
 * &lt;mountpath&gt;/%wk/                              PUT temp files, pending appends (never survive a restart)
 * &lt;mountpath&gt;/%tr/                              trash: destroyed buckets, old work dirs (deleted in background)
 * &lt;mountpath&gt;/@&lt;provider&gt;[/&lt;ns&gt;]/&lt;bucket&gt;/%ob/&lt;mapped name&gt;   objects ({@code ns} = {@code @uuid#name}; none for global)
 * </pre>
 *
 * <h2>Object name mapping ({@link net.aisj.connector.fs.NameCodec})</h2>
 * The name is split on '/'. Each segment is escaped: '%' becomes {@code %25}, the segment "." becomes {@code %2E}
 * (".." {@code %2E%2E}), the empty segment becomes {@code %00}. Every segment but the last is a directory named
 * escape(segment) + {@code %d}; the last is a file named escape(segment), so {@code a/b}, {@code a/b/} (file
 * {@code %00} in {@code a%d/b%d}) and {@code a/b/c} coexist. An escaped segment longer than 240 UTF-8 bytes becomes
 * its first ~180 bytes (cut at a character and escape boundary) + {@code %h} + 16 hex digits of the segment's HRW
 * digest; the full name is always in the LOM, where listings read hashed names from. Side files (LOM when a
 * file system has no user xattrs, or the LOM exceeds 3 KiB) are named escape(last) + {@code %m}. Because '%' is
 * always escaped, the markers are unambiguous and no mapped component is ever "." or "..".
 *
 * <h2>Object metadata</h2>
 * The LOM ({@link net.aisj.connector.fs.ObjectMetaCodec}) lives in the user xattr {@code user.ais.lom}, or in the
 * side file when the mountpath has no user xattrs (probed at open) or the LOM exceeds 3 KiB. The atime is not in
 * the LOM: it is the file's access time, set explicitly on every GET (so {@code noatime} mounts do not matter).
 *
 * <h2>Listing order</h2>
 * A walk visits each directory's entries ordered by key (a file: its segment; a directory: its segment + "/"), in
 * UTF-8 byte order, which yields full names in UTF-8 byte order; pages are k-way merges of per-mountpath walks.
 */
package net.aisj.connector.fs;

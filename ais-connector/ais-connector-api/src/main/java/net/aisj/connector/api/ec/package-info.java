/**
 * Erasure-coding values the storage engine keeps and callers exchange between targets: the per-slice metafile
 * ({@link net.aisj.connector.api.ec.EcMeta}, AIS {@code ec/metafile.go} fields) with its JSON form, and spooled
 * work files ({@link net.aisj.connector.api.ec.Spooled}) used to encode, fetch and decode slices without holding
 * objects in memory. Plain Java: no {@code jakarta.*}.
 */
package net.aisj.connector.api.ec;

/**
 * The native API's wire: AIS's control message ({@code ActMsg}), job arguments, list-objects requests and their
 * JSON/msgpack responses, node documents, and the parsers of AIS's archive and dsort requests into the services'
 * records ({@code ArchiveJson}, {@code DsortSpecJson}).
 *
 * <p>JSON is written and read with JSON-P ({@code jakarta.json}) everywhere in the project, never JSON-B: AIS's
 * documents have fixed spellings that are not Java names ({@code "ID"}, {@code "Kind"}, {@code "src-bck"}), many are
 * partial and merged into others (bucket props), some are streamed element by element (object listings), and the
 * same document must read back exactly as written on disk, in the data grid and on the wire. JSON-P states each
 * key where it is used; a binding layer would add annotations, provider lookups and defaults we would have to
 * undo. The storage layer's own documents (Smap, BMD, listings pages, job snapshots, intra-cluster messages) are in
 * {@code net.aisj.cluster}.
 */
package net.aisj.web.nat.json;

/**
 * The cluster behind interfaces: the data grid ({@link net.aisj.cluster.DataGrid}, on the Hazelcast instance Payara
 * embeds; the only package that names Hazelcast), the versioned store of Smap and BMD snapshots, membership, the
 * intra-cluster contract ({@link net.aisj.cluster.IntraContract}) and its clients, and the AIS JSON of the
 * cluster's own documents (Smap, BMD, bucket props, listing pages, job snapshots, multi-object messages, dsort's
 * JobInfo, records and plans, shard member lists), used on the wire, as data-grid values and for the copies kept on
 * mountpaths: one codec per document, for both sides of a call. Services build no JSON themselves. JSON is JSON-P; why is said in
 * {@code net.aisj.web.nat.json}.
 */
package net.aisj.cluster;

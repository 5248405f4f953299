/**
 * Jobs ("xactions", AIS's eXtended actions): the kind table, the job base class with its counters and abort, and
 * the per-node registry. Cluster-wide status is the proxy's merge of every node's snapshots; live job state is
 * never mirrored into the data grid. See README.md in this package's source folder.
 */
package net.aisj.xact;

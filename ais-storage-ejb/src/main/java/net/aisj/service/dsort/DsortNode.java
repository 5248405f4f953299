package net.aisj.service.dsort;

import net.aisj.cluster.DsortIntra;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.ScratchFile;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.service.archive.ShardWriter;

/** What a dsort part needs from its node (implemented by {@link DsortService}); thread-safe. */
interface DsortNode {

    String selfId();

    /** The current cluster map. */
    ClusterMap clusterMap();

    /** The target of that id in the current cluster map; UNAVAILABLE when it is not there. */
    NodeInfo target(String id);

    /** Opens a local object; NOT_FOUND when this node does not hold it. */
    ObjectReader localOpen(ObjectId id);

    /** A new scratch file on a mountpath (closing it deletes it). */
    ScratchFile scratch(String prefix);

    /** Stores {@code dst} as one PUT with what {@code producer} writes; nothing is stored when it fails. */
    ObjectStat put(ObjectId dst, ShardWriter.Producer producer);

    DsortIntra intra();

    /**
     * The text at an http(s) URL (an external key map), following redirects; at most a few tens of MiB.
     *
     * @throws net.aisj.core.AisException BAD_REQUEST when it cannot be fetched
     */
    String fetchText(String url);

    /** Aborts job {@code id} on every node with {@code reason}. */
    void abortEverywhere(String id, String reason);
}

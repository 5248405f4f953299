package net.aisj.core;

import java.util.List;

/**
 * The remote AIS clusters attached to this one, versioned (AIS's {@code backend.ais} config; its
 * {@code RemAisVec} without the Smaps).
 */
public record RemoteAisList(long version, List<RemoteAis> clusters) {

    public RemoteAisList {
        clusters = List.copyOf(clusters);
    }
}

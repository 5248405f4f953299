package net.aisj.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * The node's identity and disks as kept on the mountpaths (AIS's VMD).
 *
 * @param nodeId     the daemon id, generated once and kept on every mountpath
 * @param mountpaths the mountpaths, in configuration order
 */
public record NodeVolume(String nodeId, List<MountpathInfo> mountpaths) implements Serializable {

    public NodeVolume {
        mountpaths = List.copyOf(mountpaths);
    }
}

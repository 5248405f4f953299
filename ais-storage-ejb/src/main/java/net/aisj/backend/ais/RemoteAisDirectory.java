package net.aisj.backend.ais;

import java.util.Optional;
import net.aisj.core.RemoteAis;

/**
 * The remote AIS clusters this cluster has attached (AIS's {@code backend.ais} config), as the backend layer needs
 * them: implemented by the service that keeps the attachments.
 */
public interface RemoteAisDirectory {

    /** The attached cluster whose alias or UUID is {@code aliasOrUuid}. */
    Optional<RemoteAis> resolve(String aliasOrUuid);
}

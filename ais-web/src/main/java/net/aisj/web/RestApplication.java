package net.aisj.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** All JAX-RS resources of the node; the war is deployed at {@code /}, so the native API lives at {@code /v1}. */
@ApplicationPath("/")
public class RestApplication extends Application {

    /**
     * Error statuses without a body (a HEAD's 404, a 416) are set as statuses, not sent as servlet errors: the
     * container would otherwise answer them with its HTML error page (the direct data path never does).
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.response.setStatusOverSendError", true);
    }
}

package net.aisj.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All JAX-RS resources of the node; the war is deployed at {@code /}, so the native API lives at {@code /v1}. */
@ApplicationPath("/")
public class RestApplication extends Application {
}

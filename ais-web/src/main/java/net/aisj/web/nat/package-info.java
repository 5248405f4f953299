/** The AIS-compatible native REST API ({@code /v1/...}): thin JAX-RS resources over the node's services. */
package net.aisj.web.nat;

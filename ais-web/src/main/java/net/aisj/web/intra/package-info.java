/**
 * Intra-cluster endpoints ({@code /v1/intra/...}): local-only listing, metadata, reads and object transfer between
 * targets. Refused (403) for callers without the cluster's shared secret.
 */
package net.aisj.web.intra;

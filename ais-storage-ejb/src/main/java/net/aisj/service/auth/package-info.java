/**
 * The embedded AuthN (AIS's AuthN service, inside every node) and the cluster's token check: users, roles,
 * registered clusters and revoked tokens kept as one versioned document on the data grid and every node's
 * mountpaths; login issues RS256 tokens, every node verifies them offline.
 */
package net.aisj.service.auth;

/**
 * The embedded AuthN (AIS's AuthN service, inside every node) and the cluster's token check: users, roles,
 * registered clusters and revoked tokens kept as one versioned document on the data grid and every node's
 * mountpaths ({@link net.aisj.service.auth.AuthnService}: the state, tokens and clusters;
 * {@link net.aisj.service.auth.AuthnDirectory}: users, their S3 keys and roles); login issues RS256 (or HS256)
 * tokens, every node verifies them offline; {@link net.aisj.service.auth.CallerAccess} answers what one caller may
 * do and see.
 */
package net.aisj.service.auth;

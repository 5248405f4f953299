/**
 * Who may do what, as AIS's AuthN defines it: the 18 permission bits, roles, users, registered clusters, the claims
 * of an AuthN token, AIS's decision rules, password hashing, and issuing and checking tokens (JWS, RS256 with a key
 * id). Plain Java plus nimbus-jose-jwt: no I/O, no Jakarta, no cluster.
 */
package net.aisj.core.auth;

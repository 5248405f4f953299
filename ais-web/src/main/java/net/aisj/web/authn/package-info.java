/**
 * AIS's AuthN API ({@code /v1/users}, {@code /v1/roles}, {@code /v1/clusters}, {@code /v1/tokens},
 * {@code /v1/public-key}, OpenID discovery and JWKS) served by every node under {@code /authn}, and the cluster's
 * own {@code /v1/tokens} (revoked-token list, AuthN handshake). Resources parse, call
 * {@link net.aisj.service.auth.AuthnService} and map the result; the JSON is AIS's.
 */
package net.aisj.web.authn;

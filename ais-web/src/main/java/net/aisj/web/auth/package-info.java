/**
 * Enforcement of AuthN tokens and bucket access on every API of the node (AIS's proxy-side checks): which bits a
 * call needs ({@link net.aisj.web.auth.AccessRules}), who the caller is and whether it may
 * ({@link net.aisj.web.auth.AccessGate}), applied in front of JAX-RS ({@link net.aisj.web.auth.AccessGateFilter})
 * and on the direct object path of both listeners ({@link net.aisj.web.DirectCalls}), and the signature on
 * redirects to an object's owner ({@link net.aisj.web.auth.RedirectSigner}).
 */
package net.aisj.web.auth;

package net.aisj.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short-lived signature a node adds to the {@code 307} it sends to an object's owner, so the owner serves the
 * redirected call without the client's token (HTTP clients drop {@code Authorization} on a redirect to another
 * port) while a request sent straight to it without a token or a signature is refused. The signature is
 * HMAC-SHA256, with a cluster-wide secret, over the method, the raw path, the original query and the expiry; it
 * travels as the last two query parameters {@code ais_rexp=<unix seconds>&ais_rsig=<hex>}.
 */
public final class RedirectSignature {

    /** How long a signed redirect stays valid. */
    public static final long TTL_SECONDS = 60;

    static final String EXP = "ais_rexp=";
    static final String SIG = "ais_rsig=";

    private RedirectSignature() {}

    /** {@code query} (raw, may be null) with the signature parameters appended. */
    public static String sign(byte[] secret, String method, String rawPath, String query, long nowSec) {
        String base = query == null ? "" : query;
        long exp = nowSec + TTL_SECONDS;
        String sig = mac(secret, method, rawPath, base, exp);
        return (base.isEmpty() ? "" : base + "&") + EXP + exp + "&" + SIG + sig;
    }

    /** Whether the query carries signature parameters at all. */
    public static boolean present(String query) {
        return query != null && query.contains(SIG);
    }

    /** Whether {@code query} ends with a valid, unexpired signature of this method and path. */
    public static boolean valid(byte[] secret, String method, String rawPath, String query, long nowSec) {
        if (query == null) {
            return false;
        }
        int e = query.lastIndexOf(EXP);
        if (e < 0 || (e > 0 && query.charAt(e - 1) != '&')) {
            return false;
        }
        String tail = query.substring(e + EXP.length());
        int amp = tail.indexOf('&');
        if (amp < 0 || !tail.startsWith(SIG, amp + 1)) {
            return false;
        }
        long exp;
        try {
            exp = Long.parseLong(tail.substring(0, amp));
        } catch (NumberFormatException ex) {
            return false;
        }
        if (exp < nowSec || exp > nowSec + TTL_SECONDS + 5) {
            return false;
        }
        String sig = tail.substring(amp + 1 + SIG.length());
        String base = e == 0 ? "" : query.substring(0, e - 1);
        return MessageDigest.isEqual(
                sig.getBytes(StandardCharsets.US_ASCII),
                mac(secret, method, rawPath, base, exp).getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(byte[] secret, String method, String rawPath, String query, long exp) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            String msg = method + "\n" + rawPath + "\n" + query + "\n" + exp;
            return HexFormat.of().formatHex(m.doFinal(msg.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}

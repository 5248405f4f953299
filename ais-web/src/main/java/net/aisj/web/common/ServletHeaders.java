package net.aisj.web.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A servlet request's headers seen as JAX-RS {@link HttpHeaders}, so handlers written for JAX-RS serve the direct
 * data path too. Names are case-insensitive, as in JAX-RS. Content negotiation is not offered (accepts anything).
 * Not thread-safe (one request).
 */
public final class ServletHeaders implements HttpHeaders {

    private final HttpServletRequest req;
    private MultivaluedMap<String, String> all;

    public ServletHeaders(HttpServletRequest req) {
        this.req = req;
    }

    @Override
    public List<String> getRequestHeader(String name) {
        List<String> v = Collections.list(req.getHeaders(name));
        return v.isEmpty() ? null : v;
    }

    @Override
    public String getHeaderString(String name) {
        List<String> v = getRequestHeader(name);
        return v == null ? null : String.join(",", v);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        if (all == null) {
            MultivaluedMap<String, String> m =
                    new AbstractMultivaluedMap<>(new TreeMap<>(String.CASE_INSENSITIVE_ORDER)) {};
            for (String name : Collections.list(req.getHeaderNames())) {
                m.addAll(name, Collections.list(req.getHeaders(name)));
            }
            all = m;
        }
        return all;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return List.of(MediaType.WILDCARD_TYPE);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return List.of();
    }

    @Override
    public MediaType getMediaType() {
        String ct = req.getContentType();
        return ct == null ? null : MediaType.valueOf(ct);
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return Map.of();
    }

    @Override
    public Date getDate() {
        long d = req.getDateHeader(DATE);
        return d < 0 ? null : new Date(d);
    }

    @Override
    public int getLength() {
        return req.getContentLength();
    }
}

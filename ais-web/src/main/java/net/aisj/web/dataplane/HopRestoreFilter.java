package net.aisj.web.dataplane;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The servlet side of {@link HopRewrite}: a request the data plane handed off with its token is seen by every later
 * filter and by JAX-RS with its original request URI and header values. Declared first in {@code web.xml}.
 * Stateless and thread-safe.
 */
public class HopRestoreFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(HopRewrite.TOKEN.equals(req.getHeader(HopRewrite.TOKEN_HEADER)) ? new Restored(req) : req, resp);
    }

    /** The original URI and header values of a handed-off request. */
    private static final class Restored extends HttpServletRequestWrapper {

        private final String path;
        private final String query;
        private final Set<String> encoded;

        Restored(HttpServletRequest req) {
            super(req);
            String uri = req.getHeader(HopRewrite.ORIGINAL_URI);
            if (uri == null) {
                path = req.getRequestURI();
                query = req.getQueryString();
            } else {
                int q = uri.indexOf('?');
                path = q < 0 ? uri : uri.substring(0, q);
                query = q < 0 ? null : uri.substring(q + 1);
            }
            String names = req.getHeader(HopRewrite.ENCODED_HEADERS);
            encoded = names == null
                    ? Set.of()
                    : Arrays.stream(names.split(","))
                            .map(s -> s.trim().toLowerCase(Locale.ROOT))
                            .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public String getRequestURI() {
            return path;
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer();
            url.append(getScheme()).append("://").append(getServerName());
            int port = getServerPort();
            if (port > 0 && port != ("https".equals(getScheme()) ? 443 : 80)) {
                url.append(':').append(port);
            }
            return url.append(path);
        }

        @Override
        public String getHeader(String name) {
            String v = super.getHeader(name);
            return v != null && encoded.contains(name.toLowerCase(Locale.ROOT)) ? HopRewrite.percentDecode(v) : v;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!encoded.contains(name.toLowerCase(Locale.ROOT))) {
                return super.getHeaders(name);
            }
            List<String> values = Collections.list(super.getHeaders(name));
            return Collections.enumeration(
                    values.stream().map(HopRewrite::percentDecode).toList());
        }
    }
}

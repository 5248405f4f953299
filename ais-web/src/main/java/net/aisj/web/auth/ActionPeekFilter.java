package net.aisj.web.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code action} of a native bucket/object control message (AIS decides what a POST or DELETE needs by
 * it) before the access gate runs: the first {@value #PEEK} bytes of a JSON body of {@code /v1/buckets/...} or
 * {@code /v1/objects/...} (not a PUT: those are object bodies) are read, the action is left in the request
 * attribute {@link #ACTION}, and the request goes on with a body that replays them, so the resource reads it
 * unchanged (resources read the servlet stream itself).
 */
@WebFilter(urlPatterns = "/v1/*", asyncSupported = true)
public class ActionPeekFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute with the peeked action (absent when none). */
    public static final String ACTION = "ais.auth.action";

    static final int PEEK = 64 * 1024;
    private static final Pattern PATTERN = Pattern.compile("\"action\"\\s*:\\s*\"([^\"]{1,64})\"");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String uri = req.getRequestURI();
        String ct = req.getContentType();
        if ((uri.startsWith("/v1/buckets/") || uri.startsWith("/v1/objects/"))
                && !"PUT".equals(req.getMethod())
                && ct != null
                && ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
                && req.getContentLengthLong() != 0) {
            ServletInputStream in = req.getInputStream();
            byte[] head = in.readNBytes(PEEK);
            Matcher m = PATTERN.matcher(new String(head, StandardCharsets.UTF_8));
            if (m.find()) {
                req.setAttribute(ACTION, m.group(1));
            }
            chain.doFilter(new Replaying(req, new SequenceInputStream(new ByteArrayInputStream(head), in)), resp);
            return;
        }
        chain.doFilter(req, resp);
    }

    /** The request with its body replayed from the peeked bytes and the rest of the original stream. */
    private static final class Replaying extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        Replaying(HttpServletRequest req, InputStream in) {
            super(req);
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                    throw new IllegalStateException("the body of a control message is read blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }
    }
}

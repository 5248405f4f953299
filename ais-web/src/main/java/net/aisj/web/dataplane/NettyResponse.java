package net.aisj.web.dataplane;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of {@link HttpServletResponse} the data path uses (status, headers, a body stream, reset before the
 * commit), over a {@link BodyOutput} that sends to the connection. Any other method throws
 * {@link UnsupportedOperationException}. Not thread-safe (one call, one worker).
 */
final class NettyResponse extends HttpServletResponseWrapper {

    private static final HttpServletResponse UNSUPPORTED = (HttpServletResponse) Proxy.newProxyInstance(
            NettyResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                throw new UnsupportedOperationException("the data plane does not offer " + m.getName());
            });

    /**
     * Header names as {@link AsciiString}s, remembered (at most {@value #MAX_NAMES}): Netty hashes and validates a
     * {@code String} name char by char on every add, about a tenth of a 4 KiB GET's worker CPU in a JFR profile
     * (RESULTS.md, session 7); an {@code AsciiString} keeps its hash and is validated on its bytes.
     */
    private static final ConcurrentHashMap<String, AsciiString> NAMES = new ConcurrentHashMap<>();

    private static final int MAX_NAMES = 512;

    private final HttpHeaders headers = new DefaultHttpHeaders();
    private final BodyOutput out;
    private int status = 200;

    NettyResponse(BodyOutput.Sink sink) {
        super(UNSUPPORTED);
        this.out = new BodyOutput(sink, this);
    }

    BodyOutput body() {
        return out;
    }

    HttpHeaders headers() {
        return headers;
    }

    @Override
    public void setStatus(int sc) {
        if (!isCommitted()) {
            status = sc;
        }
    }

    @Override
    public int getStatus() {
        return status;
    }

    /** The name to give Netty: the remembered {@link AsciiString} of an ASCII name, else the name itself. */
    static CharSequence name(String n) {
        AsciiString a = NAMES.get(n);
        if (a != null || NAMES.size() >= MAX_NAMES || !n.chars().allMatch(c -> c < 128)) {
            return a != null ? a : n;
        }
        a = new AsciiString(n);
        AsciiString prev = NAMES.putIfAbsent(n, a);
        return prev != null ? prev : a;
    }

    @Override
    public void setHeader(String name, String value) {
        if (isCommitted()) {
            return;
        }
        if (value == null) {
            headers.remove(name(name));
        } else {
            headers.set(name(name), value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!isCommitted() && value != null) {
            headers.add(name(name), value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public boolean containsHeader(String name) {
        return headers.contains(name(name));
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name(name));
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return headers.getAll(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(headers.names());
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        setHeader(HttpHeaderNames.CONTENT_LENGTH.toString(), Long.toString(len));
    }

    @Override
    public void setContentType(String type) {
        setHeader(HttpHeaderNames.CONTENT_TYPE.toString(), type);
    }

    @Override
    public String getContentType() {
        return headers.get(HttpHeaderNames.CONTENT_TYPE);
    }

    @Override
    public void setCharacterEncoding(String charset) {
        // the data path sets full content types itself
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public boolean isCommitted() {
        return out.committed();
    }

    @Override
    public void reset() {
        if (isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        headers.clear();
        status = 200;
        out.discard();
    }

    @Override
    public void resetBuffer() {
        if (isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        out.discard();
    }

    @Override
    public void flushBuffer() throws java.io.IOException {
        out.flush();
    }
}

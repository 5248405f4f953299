package net.aisj.web.dataplane;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Netty request seen as the part of {@link HttpServletRequest} the data path uses (request line, headers, body,
 * attributes, remote address), so that the servlet path's handlers serve the data plane unchanged. Any other method
 * throws {@link UnsupportedOperationException}. Not thread-safe (one request, handed from the event loop to one
 * worker).
 */
final class NettyRequest extends HttpServletRequestWrapper {

    private static final HttpServletRequest UNSUPPORTED = (HttpServletRequest) Proxy.newProxyInstance(
            NettyRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                throw new UnsupportedOperationException("the data plane does not offer " + m.getName());
            });

    private final HttpRequest request;
    private final String path;
    private final String query;
    private final SocketAddress remote;
    private final Map<String, Object> attributes = new HashMap<>();
    private ServletInputStream body;

    NettyRequest(HttpRequest request, SocketAddress remote) {
        super(UNSUPPORTED);
        this.request = request;
        this.remote = remote;
        String uri = request.uri();
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        this.query = q < 0 ? null : uri.substring(q + 1);
    }

    void body(ServletInputStream in) {
        this.body = in;
    }

    @Override
    public String getMethod() {
        return request.method().name();
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
    public String getHeader(String name) {
        return HopRewrite.utf8(request.headers().get(NettyResponse.name(name)));
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(request.headers().getAll(NettyResponse.name(name)).stream()
                .map(HopRewrite::utf8)
                .toList());
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(request.headers().names());
    }

    @Override
    public long getDateHeader(String name) {
        String v = getHeader(name);
        if (v == null) {
            return -1;
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad date in " + name + ": " + v, e);
        }
    }

    @Override
    public int getIntHeader(String name) {
        String v = getHeader(name);
        return v == null ? -1 : Integer.parseInt(v.trim());
    }

    @Override
    public long getContentLengthLong() {
        String v = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int getContentLength() {
        long n = getContentLengthLong();
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    @Override
    public String getContentType() {
        return request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    }

    @Override
    public ServletInputStream getInputStream() {
        return body;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object o) {
        attributes.put(name, o);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public String getRemoteAddr() {
        return remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : String.valueOf(remote);
    }

    @Override
    public String getProtocol() {
        return request.protocolVersion().text();
    }

    /** The request's headers (for the hand-off and keep-alive). */
    HttpHeaders headers() {
        return request.headers();
    }
}

package net.aisj.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The object data path in front of JAX-RS on the servlet container's listener ({@link DirectCalls}); all other
 * requests pass to the JAX-RS application unchanged.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DirectPathFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DirectCalls direct;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (direct.serve(req, resp) < 0) {
            chain.doFilter(req, resp);
        }
    }
}

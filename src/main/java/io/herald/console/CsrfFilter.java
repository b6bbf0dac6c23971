package io.herald.console;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Refuses a state-changing API request of a browser session (authenticated by its cookie, no Authorization header)
 * that does not carry the session's token in X-CSRF-Token: 403 in the API's error shape. Requests with BASIC
 * credentials are a script's and pass unchanged; a cross-site page cannot read the token, so cannot forge it.
 * Async-supported, or the API's server-sent event streams (GET /campaigns/events) could not go asynchronous
 * behind it and would stop after their first event.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CsrfFilter extends HttpFilter {

    static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE.contains(request.getMethod()) || request.getHeader("Authorization") != null
                || CsrfTokens.matches(request.getSession(false), request.getHeader(HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(403);
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", 403).add("field", HEADER).add("error", "missing or wrong CSRF token").build().toString());
    }
}

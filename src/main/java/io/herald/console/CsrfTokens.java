package io.herald.console;

import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The CSRF token of a browser session: 32 random bytes, made once per session and kept in it. */
final class CsrfTokens {

    private static final String ATTRIBUTE = CsrfTokens.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** The session's token, made on first use. */
    static String of(HttpSession session) {
        synchronized (session) {
            String token = (String) session.getAttribute(ATTRIBUTE);
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(ATTRIBUTE, token);
            }
            return token;
        }
    }

    /** Whether the header's value is the session's token (compared in constant time); false when it has none. */
    static boolean matches(HttpSession session, String header) {
        Object token = session == null ? null : session.getAttribute(ATTRIBUTE);
        return token != null && header != null && MessageDigest.isEqual(
                token.toString().getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }
}

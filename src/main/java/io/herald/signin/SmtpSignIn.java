package io.herald.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.time.Clock;

/**
 * How this node signs in to the default account's SMTP server: the one AccessTokens of the node when
 * HERALD_SMTP_OAUTH2 is set (made at first use from the settings and the session's mailbox, herald.smtp.user), or
 * null for a password or no sign-in. Settings that are wrong are an IllegalArgumentException naming the variable.
 */
@ApplicationScoped
public class SmtpSignIn {

    @Inject
    Clock clock;

    private volatile AccessTokens tokens;

    /** The node's tokens for this session, or null when the account does not sign in with OAuth2. */
    public AccessTokens tokens(Session session) {
        AccessTokens t = tokens;
        if (t != null) {
            return t;
        }
        OAuth2Settings settings = OAuth2Settings.fromSystemProperties();
        if (!settings.enabled()) {
            return null;
        }
        synchronized (this) {
            if (tokens == null) {
                tokens = new AccessTokens(settings, session.getProperty("herald.smtp.user"), clock);
            }
            return tokens;
        }
    }
}

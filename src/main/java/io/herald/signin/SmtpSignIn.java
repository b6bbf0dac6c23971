package io.herald.signin;

import io.herald.account.SendingAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How this node signs in to each sending account's SMTP server: one AccessTokens per account that signs in with
 * OAuth2 (made at its first use from the account's settings and mailbox, then shared by every connection of the node),
 * or null for a password or no sign-in. Settings that are wrong are an IllegalArgumentException naming the setting.
 */
@ApplicationScoped
public class SmtpSignIn {

    @Inject
    Clock clock;

    private final Map<String, AccessTokens> tokens = new ConcurrentHashMap<>();

    /** The node's tokens for the account, or null when it does not sign in with OAuth2. */
    public AccessTokens tokens(SendingAccount account) {
        AccessTokens t = tokens.get(account.name());
        if (t != null) {
            return t;
        }
        OAuth2Settings settings = account.oauth2();
        if (!settings.enabled()) {
            return null;
        }
        if (!account.isDefault() && account.mailbox() == null) {
            throw new IllegalArgumentException("account.user of sending account " + account.name()
                    + " (the mailbox to sign in as) is required with account.oauth2");
        }
        return tokens.computeIfAbsent(account.name(), name -> new AccessTokens(settings, account.mailbox(), clock));
    }
}

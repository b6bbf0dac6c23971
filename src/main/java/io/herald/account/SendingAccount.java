package io.herald.account;

import io.herald.health.SmtpTarget;
import io.herald.signin.OAuth2Settings;
import jakarta.mail.Session;
import java.util.Locale;

/**
 * One sending account: a container-managed mail session Herald sends through, by name. The default account is
 * java:jboss/mail/herald (configure-mail.cli, HERALD_SMTP_*); the others are java:jboss/mail/herald-accounts/name
 * (add-sending-account.cli), each with its own server, TLS mode and sign-in.
 */
public record SendingAccount(String name, String jndiName, Session session) {

    public boolean isDefault() {
        return SendingAccounts.DEFAULT.equals(name);
    }

    /** The server, port and TLS mode the session names. */
    public SmtpTarget target() {
        return SmtpTarget.of(session.getProperties());
    }

    /** The mailbox signed in as (herald.smtp.user), or null for no sign-in. */
    public String mailbox() {
        String user = session.getProperty("herald.smtp.user");
        return user == null || user.isBlank() ? null : user.trim();
    }

    /**
     * How the account signs in: its OAuth2 settings (the default account's are system properties, HERALD_SMTP_OAUTH2*;
     * another account's are its session's properties). Wrong settings are an IllegalArgumentException naming them.
     */
    public OAuth2Settings oauth2() {
        return isDefault() ? OAuth2Settings.fromSystemProperties()
                : OAuth2Settings.fromAccount(name, session.getProperties());
    }

    /** "none", "password", "oauth2-microsoft" or "oauth2-google", as GET /accounts shows it; never a secret. */
    public String signIn() {
        String oauth2 = isDefault() ? System.getProperty("herald.smtp.oauth2") : session.getProperty("herald.smtp.oauth2");
        if (oauth2 != null && !oauth2.isBlank() && !oauth2.trim().equalsIgnoreCase("none")) {
            return "oauth2-" + oauth2.trim().toLowerCase(Locale.ROOT);
        }
        return mailbox() == null ? "none" : "password";
    }
}

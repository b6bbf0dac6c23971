package io.herald.health;

import java.util.Locale;
import java.util.Properties;

/** How Herald's mail session protects its SMTP connection: the word HERALD_SMTP_TLS gives (configure-mail.cli). */
public enum TlsMode {
    /** Plain SMTP. */
    NONE,
    /** Plain connection upgraded with STARTTLS before anything else is sent. */
    STARTTLS,
    /** TLS from the first byte (implicit TLS, usually port 465). */
    SSL;

    /** The mode the session's properties select: WildFly turns the mail session's ssl/tls flags into these two. */
    static TlsMode of(Properties session) {
        if (Boolean.parseBoolean(session.getProperty("mail.smtp.ssl.enable"))) {
            return SSL;
        }
        return Boolean.parseBoolean(session.getProperty("mail.smtp.starttls.enable")) ? STARTTLS : NONE;
    }

    /** The word an operator writes in HERALD_SMTP_TLS. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

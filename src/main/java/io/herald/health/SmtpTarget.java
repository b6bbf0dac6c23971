package io.herald.health;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

/**
 * The SMTP server Herald's mail session sends to, as the session's own properties name it (configure-mail.cli
 * sets them from HERALD_SMTP_*), with the timeouts the probe uses: the session's, but at most 5 s to connect and
 * 10 s per reply, so a health request never hangs as long as a send may.
 *
 * @param sslTrust the session's mail.smtp.ssl.trust ("*" or host names): hosts whose certificate Angus Mail
 *                 accepts without checking it against the trust store; null when unset
 */
public record SmtpTarget(String host, int port, TlsMode tls, String heloName, Duration connectTimeout,
        Duration readTimeout, String sslTrust) {

    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_READ_TIMEOUT = Duration.ofSeconds(10);

    /** Reads the target from a mail session's properties; Angus Mail's defaults where one is missing. */
    public static SmtpTarget of(Properties session) {
        TlsMode tls = TlsMode.of(session);
        String host = session.getProperty("mail.smtp.host", "localhost");
        int port = Integer.parseInt(session.getProperty("mail.smtp.port", tls == TlsMode.SSL ? "465" : "25").trim());
        return new SmtpTarget(host, port, tls, heloName(session),
                timeout(session, "mail.smtp.connectiontimeout", MAX_CONNECT_TIMEOUT),
                timeout(session, "mail.smtp.timeout", MAX_READ_TIMEOUT),
                session.getProperty("mail.smtp.ssl.trust"));
    }

    /** "host:port", as the audit log names the server. */
    public String server() {
        return host + ":" + port;
    }

    /** Whether Angus Mail accepts this host's certificate whatever the trust store says (mail.smtp.ssl.trust). */
    boolean trustedBySessionSetting() {
        return sslTrust != null && ("*".equals(sslTrust.trim())
                || Arrays.asList(sslTrust.trim().split("\\s+")).contains(host));
    }

    private static Duration timeout(Properties session, String property, Duration max) {
        String value = session.getProperty(property, "").trim();
        if (value.isEmpty()) {
            return max;
        }
        Duration configured = Duration.ofMillis(Long.parseLong(value));
        return configured.isZero() || configured.isNegative() || configured.compareTo(max) > 0 ? max : configured;
    }

    /** The name Herald gives in EHLO, as Angus Mail picks it: mail.smtp.localhost, else the local host's name. */
    private static String heloName(Properties session) {
        String configured = session.getProperty("mail.smtp.localhost");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            InetAddress me = InetAddress.getLocalHost();
            String name = me.getCanonicalHostName();
            return name.equals(me.getHostAddress()) ? "[" + name + "]" : name;    // an address literal, RFC 5321 4.1.3
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package io.herald.health;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The certificate an SMTP server presented in the TLS handshake, as the probe saw it.
 *
 * @param distrust why the JVM's trust store refuses the certificate's chain (expired, unknown issuer …); null when
 *                 it is trusted
 */
public record ServerCertificate(String subject, Instant notAfter, String distrust) {

    /** A certificate that expires sooner than this is worth a warning: time to renew it before mail stops. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(7);

    static ServerCertificate of(X509Certificate leaf, String distrust) {
        return new ServerCertificate(leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(),
                distrust);
    }

    public boolean trusted() {
        return distrust == null;
    }

    /** Whole days until notAfter (negative once it has expired). */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), Duration.ofDays(1).toSeconds());
    }

    /** The warning for an operator when the certificate expires within EXPIRY_WARNING (or has expired); else null. */
    public String expiryWarning(String host, Instant now) {
        if (!now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
            return null;
        }
        long days = daysLeft(now);
        if (!now.isBefore(notAfter)) {
            return "TLS certificate of " + host + " expired on " + notAfter + " (" + subject + ")";
        }
        return "TLS certificate of " + host + " expires in " + days + (days == 1 ? " day (" : " days (") + notAfter
                + "): renew it before Herald's mail session refuses it (" + subject + ")";
    }
}

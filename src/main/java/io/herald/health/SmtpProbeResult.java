package io.herald.health;

import java.time.Instant;

/**
 * What one probe of the SMTP server found, and what it means for Herald: DOWN when the server cannot be reached,
 * answers with a refusal, fails the TLS handshake, or presents a certificate Herald's mail session would refuse;
 * an expiring certificate is only a warning.
 *
 * @param address the IP address the host name led to; null when the probe did not connect
 * @param greeting the server's 220 line; null when the probe did not get that far
 * @param ehlo the first line of the server's EHLO reply (the last EHLO, after STARTTLS)
 * @param tlsProtocol the negotiated TLS version (TLSv1.3 …); null without TLS
 * @param certificate the server's certificate; null without TLS
 * @param error why the dialog failed; null when it completed
 */
public record SmtpProbeResult(SmtpTarget target, String address, String greeting, String ehlo, String tlsProtocol,
        ServerCertificate certificate, String error) {

    /** Why Herald cannot send through this server; null when it can. */
    public String problem() {
        if (error != null) {
            return error;
        }
        if (certificate != null && !certificate.trusted() && !target.trustedBySessionSetting()) {
            return "TLS certificate of SMTP server " + target.server() + " (" + certificate.subject()
                    + ") is not trusted: " + certificate.distrust() + "; Herald's mail session refuses it (add its"
                    + " issuer to the JVM's trust store, or name the host in the mail session's mail.smtp.ssl.trust)";
        }
        return null;
    }

    public boolean up() {
        return problem() == null;
    }

    /** A warning that does not stop Herald yet: the certificate expires within 7 days; null when there is none. */
    public String warning(Instant now) {
        return certificate == null ? null : certificate.expiryWarning(target.host(), now);
    }
}

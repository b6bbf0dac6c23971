package io.herald.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The probe's target read from the mail session's properties, as configure-mail.cli sets them. */
class SmtpTargetTest {

    @Test
    void tlsModeFollowsTheSessionsSslAndStarttlsFlags() {
        assertEquals(TlsMode.NONE, SmtpTarget.of(props("mail.smtp.ssl.enable", "false", "mail.smtp.starttls.enable", "false")).tls());
        assertEquals(TlsMode.STARTTLS, SmtpTarget.of(props("mail.smtp.starttls.enable", "true")).tls());
        assertEquals(TlsMode.SSL, SmtpTarget.of(props("mail.smtp.ssl.enable", "true")).tls());
        assertEquals("starttls", TlsMode.STARTTLS.label());
    }

    @Test
    void hostAndPortDefaultAsInAngusMail() {
        assertEquals("localhost:25", SmtpTarget.of(props()).server());
        assertEquals("localhost:465", SmtpTarget.of(props("mail.smtp.ssl.enable", "true")).server());
        assertEquals("smtp.example.com:587", SmtpTarget.of(props("mail.smtp.host", "smtp.example.com", "mail.smtp.port", "587")).server());
    }

    @Test
    void timeoutsAreTheSessionsButNeverLongerThanAHealthRequestShouldWait() {
        SmtpTarget defaults = SmtpTarget.of(props("mail.smtp.connectiontimeout", "10000", "mail.smtp.timeout", "60000"));
        assertEquals(Duration.ofSeconds(5), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(10), defaults.readTimeout());
        SmtpTarget shorter = SmtpTarget.of(props("mail.smtp.connectiontimeout", "2000", "mail.smtp.timeout", "4000"));
        assertEquals(Duration.ofSeconds(2), shorter.connectTimeout());
        assertEquals(Duration.ofSeconds(4), shorter.readTimeout());
        assertEquals(Duration.ofSeconds(10), SmtpTarget.of(props("mail.smtp.timeout", "0")).readTimeout(), "0 is infinite");
    }

    @Test
    void sslTrustAcceptsEveryHostOrTheHostsItNames() {
        assertTrue(SmtpTarget.of(props("mail.smtp.host", "smtp.example.com", "mail.smtp.ssl.trust", "*")).trustedBySessionSetting());
        assertTrue(SmtpTarget.of(props("mail.smtp.host", "smtp.example.com", "mail.smtp.ssl.trust", "a.example.com smtp.example.com"))
                .trustedBySessionSetting());
        assertFalse(SmtpTarget.of(props("mail.smtp.host", "smtp.example.com", "mail.smtp.ssl.trust", "a.example.com")).trustedBySessionSetting());
        assertFalse(SmtpTarget.of(props("mail.smtp.host", "smtp.example.com")).trustedBySessionSetting());
    }

    @Test
    void ehloNameIsMailSmtpLocalhostWhenSet() {
        assertEquals("herald.example.com", SmtpTarget.of(props("mail.smtp.localhost", "herald.example.com")).heloName());
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}

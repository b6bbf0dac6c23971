package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole of what a campaign message gets, as the send step would ask for it. */
class DeliverabilityTest {

    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret!";

    @TempDir
    Path dir;

    private static Deliverability deliverability(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                DeliverabilitySettings.PUBLIC_BASE_URL, "https://news.example.org",
                DeliverabilitySettings.UNSUBSCRIBE_SECRET, SECRET,
                DeliverabilitySettings.SENDER_ID, "acme"));
        properties.putAll(extra);
        return new Deliverability(DeliverabilitySettings.parse(properties::get));
    }

    @Test
    void theUnsubscribeLinkCarriesAVerifiableToken() {
        Deliverability deliverability = deliverability(Map.of());
        URI link = deliverability.unsubscribeUrl(7, 1234);

        assertTrue(link.toString().startsWith("https://news.example.org/herald/u/v1."), link.toString());
        String token = link.getPath().substring("/herald/u/".length());
        assertEquals(Optional.of(new CampaignRecipient(7, 1234)), deliverability.unsubscribeTokens().verify(token));
    }

    @Test
    void withoutABounceDomainThereIsNoVerpAndNoMailto() throws Exception {
        Deliverability deliverability = deliverability(Map.of());
        MimeMessage prepared = deliverability.prepare(DkimSigningTest.composed(), 7, 3, "customers", 1234);

        assertEquals(Optional.empty(), deliverability.envelopeSender(7, 1234));
        assertEquals(Optional.empty(), deliverability.bounceAddresses());
        assertEquals("<" + deliverability.unsubscribeUrl(7, 1234) + ">", prepared.getHeader("List-Unsubscribe")[0]);
        assertEquals("customers <list-3.news.example.org>", prepared.getHeader("List-Id")[0]);
        assertEquals("7:3:acme:herald", prepared.getHeader("Feedback-ID")[0]);
    }

    @Test
    void aPreparedMessageIsSignedAndBouncesToItsOwnAddress() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path key = DkimSigningTest.writePem(dir.resolve("dkim.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
        Deliverability deliverability = deliverability(Map.of(
                DeliverabilitySettings.BOUNCE_DOMAIN, "bounces.example.org",
                DeliverabilitySettings.DKIM_DOMAIN, "example.org",
                DeliverabilitySettings.DKIM_SELECTOR, "herald2025",
                DeliverabilitySettings.DKIM_KEY_FILE, key.toString()));

        MimeMessage prepared = deliverability.prepare(DkimSigningTest.composed(), 7, 3, "customers", 1234);

        String sender = ((SMTPMessage) prepared).getEnvelopeFrom();
        assertEquals(Optional.of(new CampaignRecipient(7, 1234)),
                deliverability.bounceAddresses().orElseThrow().parse(sender));
        String unsubscribe = MimeUtility.unfold(prepared.getHeader("List-Unsubscribe")[0]);
        assertTrue(unsubscribe.contains(", <mailto:unsubscribe+7-ya-"), unsubscribe);
        DkimSigningTest.verify(DkimSigningTest.bytes(prepared), keys);
    }
}

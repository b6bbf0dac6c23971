package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.Test;

/**
 * Campaign messages are DKIM-signed by the server (the build made a key, target/it-config/dkim-it.pem, and the test
 * server runs with HERALD_DKIM_DOMAIN=herald.example, HERALD_DKIM_SELECTOR=it): the message as the SMTP server
 * received it verifies with an independent verifier (Apache jDKIM) given the public key, and fails once altered.
 */
class DkimIT extends HeraldIT {

    @Test
    void theMessageAsReceivedVerifiesAndFailsOnceAltered() throws Exception {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        MimeMessage received = smtp.received().stream()
                .filter(m -> header(m, "Message-ID").startsWith("<" + campaignId + ".")).findFirst().orElseThrow();
        byte[] raw = raw(received);

        List<SignatureRecord> valid = verify(raw);
        assertEquals("herald.example", valid.get(0).getDToken().toString());
        assertEquals("it", valid.get(0).getSelector().toString());
        List<String> signed = valid.get(0).getHeaders().stream().map(h -> h.toString().toLowerCase()).toList();
        for (String h : List.of("from", "to", "subject", "date", "message-id", "list-unsubscribe",
                "list-unsubscribe-post", "feedback-id")) {
            assertTrue(signed.contains(h), h + " is not signed: " + signed);
        }

        String text = new String(raw, StandardCharsets.ISO_8859_1);
        assertFalse(text.equals(text.replace("Dear Person 0", "Dear Person 9")), "the body names the recipient");
        byte[] altered = text.replace("Dear Person 0", "Dear Person 9").getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(FailException.class, () -> verify(altered));
    }

    /** The message's valid DKIM signatures by d=herald.example s=it (the build's key); PermFailException if none. */
    static List<SignatureRecord> verify(byte[] message) throws Exception {
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (!"it".equals(selector.toString()) || !"herald.example".equals(domain.toString())) {
                throw new PermFailException("no key at " + selector + "._domainkey." + domain);
            }
            return List.of(record);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(message));
        if (valid == null || valid.isEmpty()) {
            throw new PermFailException("no valid DKIM signature");
        }
        return valid;
    }

    /** The public half of the build's key (PKCS#8 PEM, as openssl genpkey writes it). */
    private static byte[] publicKey() throws Exception {
        String pem = Files.readString(Path.of(System.getProperty("it.config.dir"), "dkim-it.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        var key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
    }

    static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** The header's value, "" if the message has none. */
    static String header(MimeMessage m, String name) {
        try {
            String value = m.getHeader(name, null);
            return value == null ? "" : value;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

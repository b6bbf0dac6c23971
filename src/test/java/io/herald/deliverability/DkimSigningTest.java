package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.mail.MailAsset;
import io.herald.mail.MailHeaders;
import io.herald.mail.MessageComposer;
import io.herald.mail.PreparedComposer;
import io.herald.template.RenderedContent;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages signed here are checked by an independent verifier (Apache jDKIM) with the public key a receiver would
 * find in DNS at herald2025._domainkey.example.org.
 */
class DkimSigningTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String DOMAIN = "example.org";
    private static final String SELECTOR = "herald2025";

    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        keys = rsa2048();
    }

    /** A new 2048-bit RSA key pair, the size DKIM keys should have. */
    static KeyPair rsa2048() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static Path writePem(Path file, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        return file;
    }

    private DkimSigning signing() throws Exception {
        return new DkimSigning(DOMAIN, SELECTOR, writePem(dir.resolve("dkim.pem"), "PRIVATE KEY",
                keys.getPrivate().getEncoded()));
    }

    static MimeMessage composed() throws Exception {
        InternetAddress from = new InternetAddress("news@example.org", "Herald News", "UTF-8");
        MailHeaders headers = new MailHeaders(from, new InternetAddress("ada@example.com"),
                new InternetAddress("help@example.org"), MessageComposer.messageId("c7.r42", from),
                Instant.parse("2025-03-14T09:26:53Z"));
        MimeMessage message = MessageComposer.compose(SESSION, headers, new RenderedContent("Welcome, Ada",
                "<p>Hello Ada, your code is <b>A-1</b>.</p>", "Hello Ada, your code is A-1."), List.of(), List.of());
        new ListHeaders(URI.create("https://news.example.org/herald/u/v1.AAAA.BBBB"),
                "unsubscribe+7-ya-0123456789abcdef0123@bounces.example.org", 7, 3, "Kunden in München",
                "news.example.org", "acme").addTo(message);
        return message;
    }

    static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The valid signatures, as a receiver that fetched our public key from DNS would find them. */
    static List<SignatureRecord> verify(byte[] message, KeyPair keys) throws Exception {
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (!selector.toString().equals(SELECTOR) || !domain.toString().equals(DOMAIN)) {
                throw new PermFailException("no key at " + selector + "._domainkey." + domain);
            }
            return List.of(record);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(message));
        if (valid == null || valid.isEmpty()) {
            throw new PermFailException("no valid signature");
        }
        return valid;
    }

    private static byte[] replaceFirst(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSignedMessageVerifiesWithThePublishedKey() throws Exception {
        byte[] sent = bytes(signing().sign(composed()));

        List<SignatureRecord> signatures = verify(sent, keys);

        assertEquals(1, signatures.size());
        assertEquals(DOMAIN, signatures.get(0).getDToken().toString());
        assertEquals(SELECTOR, signatures.get(0).getSelector().toString());
        assertEquals("sha-256", signatures.get(0).getHashAlgo().toString().toLowerCase(Locale.ROOT));
        assertTrue(new String(sent, StandardCharsets.US_ASCII).startsWith("DKIM-Signature: "));
    }

    @Test
    void aPreparedMessageVerifiesWithThePublishedKey() throws Exception {
        InternetAddress from = new InternetAddress("news@example.org", "Herald News", "UTF-8");
        PreparedComposer composer = new PreparedComposer(SESSION,
                List.of(new MailAsset("Übersicht.pdf", "application/pdf", null, new byte[] {'%', 'P', 0, -1, 7})),
                List.of(new MailAsset("logo.png", "image/png", "logo@herald", new byte[] {1, 2, 3})));
        for (String name : List.of("Ada", "Zoë Müller")) {
            MailHeaders headers = new MailHeaders(from, new InternetAddress("ada@example.com", name, "UTF-8"), null,
                    MessageComposer.messageId("c7." + name.length(), from), Instant.parse("2025-03-14T09:26:53Z"));
            MimeMessage message = composer.compose(headers, new RenderedContent("Grüße, " + name,
                    "<p>Hallo " + name + "</p><img src=\"cid:logo@herald\">", "Hallo " + name + ",\n" + "x".repeat(1200)));
            new ListHeaders(URI.create("https://news.example.org/herald/u/v1.AAAA.BBBB"), null, 7, 3, "Kunden",
                    "news.example.org", "acme").addTo(message);

            byte[] sent = bytes(signing().sign(message));

            assertEquals(1, verify(sent, keys).size());
            assertTrue(new String(sent, StandardCharsets.US_ASCII).contains("Content-Transfer-Encoding: base64"));
        }
    }

    @Test
    void theSignatureCoversTheHeadersThatMatter() throws Exception {
        List<String> signed = verify(bytes(signing().sign(composed())), keys).get(0).getHeaders().stream()
                .map(h -> h.toString().toLowerCase(Locale.ROOT)).collect(Collectors.toList());

        for (String header : List.of("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe",
                "List-Unsubscribe-Post", "Feedback-ID", "List-Id", "Reply-To")) {
            assertTrue(signed.contains(header.toLowerCase(Locale.ROOT)), header + " not in " + signed);
        }
    }

    @Test
    void theBodyHashCoversTheWholeBody() throws Exception {
        String signature = new String(bytes(signing().sign(composed())), StandardCharsets.US_ASCII).split("\r\n\\S")[0];

        assertFalse(signature.matches("(?s).*[;\\s]l=.*"), signature);
    }

    @Test
    void signingKeepsTheComposedMessageId() throws Exception {
        MimeMessage signed = new MimeMessage(SESSION, new ByteArrayInputStream(bytes(signing().sign(composed()))));

        assertEquals("<c7.r42@example.org>", signed.getMessageID());
    }

    @Test
    void aBodyChangedAfterSigningFailsVerification() throws Exception {
        byte[] altered = replaceFirst(bytes(signing().sign(composed())), "your code is A-1", "your code is B-2");

        assertThrows(FailException.class, () -> verify(altered, keys));
    }

    @Test
    void aSubjectChangedAfterSigningFailsVerification() throws Exception {
        byte[] altered = replaceFirst(bytes(signing().sign(composed())), "Subject: Welcome, Ada",
                "Subject: Welcome, Bob");

        assertThrows(FailException.class, () -> verify(altered, keys));
    }

    @Test
    void anUnsubscribeLinkChangedAfterSigningFailsVerification() throws Exception {
        byte[] altered = replaceFirst(bytes(signing().sign(composed())), "https://news.example.org/",
                "https://evil.example.net/");

        assertThrows(FailException.class, () -> verify(altered, keys));
    }

    @Test
    void anotherKeyDoesNotVerify() throws Exception {
        byte[] sent = bytes(signing().sign(composed()));

        assertThrows(FailException.class, () -> verify(sent, rsa2048()));
    }

    @Test
    void aPkcs1KeyAsOlderOpensslWritesItAlsoSigns() throws Exception {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        // a 2048-bit key's PKCS#8 is a 26-byte header (version, rsaEncryption, OCTET STRING tag) around the PKCS#1
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path file = writePem(dir.resolve("rsa.pem"), "RSA PRIVATE KEY", pkcs1);

        verify(bytes(new DkimSigning(DOMAIN, SELECTOR, file).sign(composed())), keys);
    }

    @Test
    void aDerKeyAlsoSigns() throws Exception {
        Path file = Files.write(dir.resolve("dkim.der"), keys.getPrivate().getEncoded());

        verify(bytes(new DkimSigning(DOMAIN, SELECTOR, file).sign(composed())), keys);
    }

    private String keyFileError(Path file) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new DkimSigning(DOMAIN, SELECTOR, file)).getMessage();
        assertTrue(message.startsWith("herald.dkim.key-file (HERALD_DKIM_KEY_FILE) " + file + ": "), message);
        return message;
    }

    @Test
    void aMissingKeyFileIsNamed() {
        assertTrue(keyFileError(dir.resolve("nowhere.pem")).endsWith("there is no such file"));
        assertTrue(keyFileError(dir).endsWith("there is no such file"));
    }

    @Test
    void aFileWithoutAPrivateKeyIsNamed() throws Exception {
        Path publicKey = writePem(dir.resolve("public.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
        assertTrue(keyFileError(publicKey).endsWith("it holds a PUBLIC KEY, not a private key"));

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a key at all");
        assertTrue(keyFileError(text).contains("it is not an RSA private key"));

        Path garbled = Files.writeString(dir.resolve("garbled.pem"),
                "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n");
        assertTrue(keyFileError(garbled).contains("not base64"));
    }

    @Test
    void anEncryptedKeyIsNamed() throws Exception {
        Path encrypted = writePem(dir.resolve("encrypted.pem"), "ENCRYPTED PRIVATE KEY", new byte[64]);

        assertTrue(keyFileError(encrypted).contains("the key is encrypted: set herald.dkim.key-password"));
    }

    @Test
    void aKeyTooShortForDkimIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        Path weak = writePem(dir.resolve("weak.pem"), "PRIVATE KEY",
                generator.generateKeyPair().getPrivate().getEncoded());

        assertTrue(keyFileError(weak).endsWith("the key has 512 bits; DKIM needs at least 1024 (use 2048)"));
    }

    @Test
    void aBadSigningDomainIsNamed() throws Exception {
        Path key = writePem(dir.resolve("dkim.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());

        String message = assertThrows(IllegalArgumentException.class,
                () -> new DkimSigning("localhost", SELECTOR, key)).getMessage();
        assertTrue(message.startsWith("herald.dkim.domain (HERALD_DKIM_DOMAIN) 'localhost'"), message);
    }
}

package io.herald.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The key that tells whether a bounce message was recorded before, and the size bound on reading one. */
class BounceMessageTest {

    private static final String HEADERS = "From: MAILER-DAEMON@mail.example.com\r\nSubject: Undelivered\r\n";

    private static BounceMessage of(String text) throws Exception {
        return BounceMessage.of(text.getBytes(StandardCharsets.US_ASCII), false);
    }

    @Test
    void theKeyIsTheMessageIdsHashSoTheSameMessageAlwaysHasTheSameKey() throws Exception {
        BounceMessage a = of("Message-ID: <b1@mail.example.com>\r\n" + HEADERS + "\r\nbody one\r\n");
        BounceMessage b = of("Message-ID:\r\n <b1@mail.example.com>\r\n" + HEADERS + "\r\nother copy\r\n");

        assertEquals("<b1@mail.example.com>", a.messageId());
        assertEquals(a.key(), b.key(), "the Message-ID decides, folded or not");
        assertEquals(64, a.key().length());
        assertNotEquals(a.key(), of("Message-ID: <b2@mail.example.com>\r\n" + HEADERS + "\r\nbody one\r\n").key());
    }

    @Test
    void withoutAMessageIdTheKeyIsTheHashOfTheBytes() throws Exception {
        BounceMessage a = of(HEADERS + "\r\nbody one\r\n");

        assertNull(a.messageId());
        assertEquals(a.key(), of(HEADERS + "\r\nbody one\r\n").key());
        assertNotEquals(a.key(), of(HEADERS + "\r\nbody two\r\n").key());
    }

    @Test
    void aMessageLargerThanTheBoundIsReadOnlyUpToIt() throws Exception {
        byte[] body = new byte[BounceMessage.MAX_BYTES + 100];
        Arrays.fill(body, (byte) 'x');
        MimeMessage huge = new MimeMessage(Session.getInstance(new Properties()));
        huge.setHeader("Message-ID", "<huge@mail.example.com>");
        huge.setText(new String(body, StandardCharsets.US_ASCII));
        huge.saveChanges();
        huge.setHeader("Message-ID", "<huge@mail.example.com>");

        BounceMessage read = BounceMessage.read(huge);

        assertTrue(read.truncated());
        assertEquals("<huge@mail.example.com>", read.messageId());
        assertFalse(BounceMessage.read(new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream((HEADERS + "\r\nsmall\r\n").getBytes(StandardCharsets.US_ASCII))))
                .truncated());
    }
}

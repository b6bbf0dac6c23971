package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a receiver sees: headers are checked on the message as written and parsed back. */
class ListHeadersTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final URI LINK = URI.create("https://news.example.com/herald/u/v1.AAAA.BBBB");
    private static final String MAILTO = "unsubscribe+7-ya-0123456789abcdef0123@bounces.example.com";

    private static ListHeaders headers(String mailto, String listName) {
        return new ListHeaders(LINK, mailto, 7, 3, listName, "news.example.com", "acme");
    }

    private static MimeMessage sent(ListHeaders headers) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setText("hello", "UTF-8");
        message.saveChanges();
        headers.addTo(message);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static String header(MimeMessage message, String name) throws Exception {
        String[] values = message.getHeader(name);
        assertEquals(1, values == null ? 0 : values.length, name);
        return MimeUtility.unfold(values[0]);
    }

    @Test
    void aMessageGetsEveryBulkHeader() throws Exception {
        MimeMessage message = sent(headers(MAILTO, "customers"));

        assertEquals("<https://news.example.com/herald/u/v1.AAAA.BBBB>, <mailto:" + MAILTO + "?subject=unsubscribe>",
                header(message, "List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", header(message, "List-Unsubscribe-Post"));
        assertEquals("customers <list-3.news.example.com>", header(message, "List-Id"));
        assertEquals("7:3:acme:herald", header(message, "Feedback-ID"));
        assertEquals("bulk", header(message, "Precedence"));
    }

    @Test
    void withoutABounceDomainListUnsubscribeHasOnlyTheLink() throws Exception {
        assertEquals("<https://news.example.com/herald/u/v1.AAAA.BBBB>",
                header(sent(headers(null, "customers")), "List-Unsubscribe"));
    }

    @Test
    void aNonAsciiListNameIsAnEncodedWordAndTheHeaderStaysAscii() throws Exception {
        MimeMessage message = sent(headers(null, "Kunden in München"));
        String raw = header(message, "List-Id");

        assertEquals("=?UTF-8?Q?Kunden_in_M=C3=BCnchen?= <list-3.news.example.com>", raw);
        assertEquals("Kunden in München <list-3.news.example.com>", MimeUtility.decodeText(raw));
    }

    @Test
    void aListNameWithSpecialsIsQuoted() throws Exception {
        assertEquals("\"Customers, \\\"VIP\\\" <2025>\" <list-3.news.example.com>",
                header(sent(headers(null, "Customers, \"VIP\" <2025>")), "List-Id"));
    }

    @Test
    void aLongListNameIsFoldedWithinTheLineLimit() throws Exception {
        String name = "Ünïcödé ".repeat(20).trim();
        MimeMessage message = sent(headers(MAILTO, name));

        String folded = message.getHeader("List-Id")[0];
        assertTrue(folded.contains("\r\n"), folded);
        for (String line : ("List-Id: " + folded).split("\r\n")) {
            assertTrue(line.length() <= 78, line);
        }
        assertEquals(name + " <list-3.news.example.com>", MimeUtility.decodeText(MimeUtility.unfold(folded)));
    }

    @Test
    void withoutANameListIdIsTheBareId() {
        assertEquals("<list-3.news.example.com>", headers(null, " ").listIdHeader());
        assertEquals("<list-3.news.example.com>", headers(null, null).listIdHeader());
    }

    @Test
    void addingTwiceReplacesInsteadOfRepeating() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        headers(null, "old").addTo(message);
        headers(MAILTO, "new").addTo(message);

        assertEquals(1, message.getHeader("List-Id").length);
        assertEquals("new <list-3.news.example.com>", message.getHeader("List-Id")[0]);
        assertNull(message.getHeader("List-Owner"));
    }

    @Test
    void controlCharactersAndBadValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> headers(null, "customers\r\nBcc: everyone@example.com"));
        assertTrue(e.getMessage().contains("U+000D"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> headers("not an address", "x"));
        assertThrows(IllegalArgumentException.class, () -> headers("a@b>, <https://evil.example", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new ListHeaders(URI.create("/herald/u/x"), null, 7, 3, "x", "news.example.com", "acme"));
        assertThrows(IllegalArgumentException.class,
                () -> new ListHeaders(LINK, null, 7, 3, "x", "news.example.com", "a:b"));
        assertThrows(IllegalArgumentException.class,
                () -> new ListHeaders(LINK, null, 7, 3, "x", "news example.com", "acme"));
    }
}

package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.template.RenderedContent;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a receiver sees: every message is written to bytes and parsed back before asserting. */
class MessageComposerTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Instant DATE = Instant.parse("2025-03-14T09:26:53Z");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    private static final byte[] PDF = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);

    private static final MailAsset LOGO = new MailAsset("logo.png", "image/png", "logo@herald", PNG);
    private static final MailAsset INVOICE = new MailAsset("invoice.pdf", "application/pdf", null, PDF);

    private static MailHeaders headers() throws Exception {
        InternetAddress from = new InternetAddress("news@example.org", "Herald News", "UTF-8");
        return new MailHeaders(from, new InternetAddress("ada@example.com"), null,
                MessageComposer.messageId("c7.r42", from), DATE);
    }

    private static MimeMessage roundTrip(MimeMessage sent) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sent.writeTo(bytes);
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static MimeMessage composeAndParse(RenderedContent content, List<MailAsset> attachments,
                                               List<MailAsset> images) throws Exception {
        return roundTrip(MessageComposer.compose(SESSION, headers(), content, attachments, images));
    }

    private static String type(Part part) throws Exception {
        return part.getContentType().toLowerCase().split(";")[0].trim();
    }

    private static BodyPart child(Part parent, int index) throws Exception {
        return ((Multipart) parent.getContent()).getBodyPart(index);
    }

    private static int childCount(Part parent) throws Exception {
        return ((Multipart) parent.getContent()).getCount();
    }

    private static byte[] bytes(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void textOnlyIsTextPlainInUtf8() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", null, "Grüße"), List.of(), List.of());

        assertEquals("text/plain", type(m));
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), m.getContentType());
        assertEquals("Grüße", m.getContent());
    }

    @Test
    void htmlOnlyIsTextHtml() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", "<p>Hi</p>", null), List.of(), List.of());

        assertEquals("text/html", type(m));
        assertEquals("<p>Hi</p>", m.getContent());
    }

    @Test
    void textAndHtmlAreAlternativesWithPlainFirst() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", "<p>Hi</p>", "Hi"), null, null);

        assertEquals("multipart/alternative", type(m));
        assertEquals(2, childCount(m));
        assertEquals("text/plain", type(child(m, 0)));
        assertEquals("Hi", child(m, 0).getContent());
        assertEquals("text/html", type(child(m, 1)));
        assertEquals("<p>Hi</p>", child(m, 1).getContent());
    }

    @Test
    void inlineImageSitsWithTheHtmlInMultipartRelated() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", "<img src=\"cid:logo@herald\">", "Hi"),
                List.of(), List.of(LOGO));

        assertEquals("multipart/alternative", type(m));
        assertEquals("text/plain", type(child(m, 0)));
        BodyPart related = child(m, 1);
        assertEquals("multipart/related", type(related));
        assertEquals(2, childCount(related));
        assertEquals("text/html", type(child(related, 0)));
        MimeBodyPart image = (MimeBodyPart) child(related, 1);
        assertEquals("image/png", type(image));
        assertEquals("<logo@herald>", image.getContentID());
        assertEquals(Part.INLINE, image.getDisposition());
        assertArrayEquals(PNG, bytes(image));
    }

    @Test
    void htmlOnlyWithInlineImageIsMultipartRelatedAtTheTop() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", "<img src=\"cid:logo@herald\">", null),
                List.of(), List.of(LOGO));

        assertEquals("multipart/related", type(m));
        assertEquals("text/html", type(child(m, 0)));
        assertEquals("<logo@herald>", ((MimeBodyPart) child(m, 1)).getContentID());
    }

    @Test
    void attachmentsWrapTheBodyInMultipartMixed() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", "<p>Hi</p>", "Hi"), List.of(INVOICE), List.of());

        assertEquals("multipart/mixed", type(m));
        assertEquals(2, childCount(m));
        assertEquals("multipart/alternative", type(child(m, 0)));
        BodyPart attachment = child(m, 1);
        assertEquals(Part.ATTACHMENT, attachment.getDisposition());
        assertEquals("invoice.pdf", attachment.getFileName());
        assertEquals("application/pdf", type(attachment));
        assertArrayEquals(PDF, bytes(attachment));
    }

    @Test
    void textOnlyWithAttachmentIsMixedOfPlainAndFile() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", null, "Hi"), List.of(INVOICE), List.of());

        assertEquals("multipart/mixed", type(m));
        assertEquals("text/plain", type(child(m, 0)));
        assertEquals("invoice.pdf", child(m, 1).getFileName());
    }

    @Test
    void everythingTogetherNestsMixedAlternativeRelated() throws Exception {
        MailAsset report = new MailAsset("Bericht für März.pdf", "application/pdf", null, PDF);
        MimeMessage m = composeAndParse(new RenderedContent("s", "<img src=\"cid:logo@herald\">", "Hi"),
                List.of(INVOICE, report), List.of(LOGO));

        assertEquals("multipart/mixed", type(m));
        assertEquals(3, childCount(m));
        BodyPart alternative = child(m, 0);
        assertEquals("multipart/alternative", type(alternative));
        assertEquals("multipart/related", type(child(alternative, 1)));
        assertEquals("invoice.pdf", child(m, 1).getFileName());
        assertEquals("Bericht für März.pdf", jakarta.mail.internet.MimeUtility.decodeText(child(m, 2).getFileName()));
        assertArrayEquals(PDF, bytes(child(m, 2)));
    }

    @Test
    void messageIdSurvivesSaveChanges() throws Exception {
        MimeMessage sent = MessageComposer.compose(SESSION, headers(), new RenderedContent("s", null, "x"), null, null);
        sent.saveChanges(); // Transport.send calls it again

        assertEquals("<c7.r42@example.org>", sent.getMessageID());
        assertEquals("<c7.r42@example.org>", roundTrip(sent).getMessageID());
    }

    @Test
    void messageIdUsesTheFromDomain() throws Exception {
        assertEquals("<abc@mail.example.org>",
                MessageComposer.messageId("abc", new InternetAddress("a@mail.example.org")));
        assertThrows(IllegalArgumentException.class,
                () -> MessageComposer.messageId("abc", new InternetAddress("postmaster")));
    }

    @Test
    void nonAsciiSubjectAndNamesRoundTrip() throws Exception {
        InternetAddress from = new InternetAddress("zoe@example.org", "Zoë Ålander", "UTF-8");
        InternetAddress to = new InternetAddress("jose@example.com", "José Müller", "UTF-8");
        MailHeaders headers = new MailHeaders(from, to, null, "<x1@example.org>", DATE);
        MimeMessage m = roundTrip(MessageComposer.compose(SESSION, headers,
                new RenderedContent("Größe zählt – 10 % Rabatt 🎉", null, "x"), List.of(), List.of()));

        assertEquals("Größe zählt – 10 % Rabatt 🎉", m.getSubject());
        assertTrue(m.getHeader("Subject")[0].startsWith("=?UTF-8?"), m.getHeader("Subject")[0]);
        assertEquals("Zoë Ålander", ((InternetAddress) m.getFrom()[0]).getPersonal());
        assertEquals("zoe@example.org", ((InternetAddress) m.getFrom()[0]).getAddress());
        InternetAddress parsedTo = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
        assertEquals("José Müller", parsedTo.getPersonal());
        assertEquals("jose@example.com", parsedTo.getAddress());
    }

    @Test
    void replyToIsSetOnlyWhenGiven() throws Exception {
        InternetAddress from = new InternetAddress("news@example.org");
        MailHeaders withReplyTo = new MailHeaders(from, new InternetAddress("ada@example.com"),
                new InternetAddress("help@example.org"), "<r1@example.org>", DATE);
        RenderedContent content = new RenderedContent("s", null, "x");

        Address[] replyTo = roundTrip(MessageComposer.compose(SESSION, withReplyTo, content, null, null)).getReplyTo();
        assertEquals("help@example.org", ((InternetAddress) replyTo[0]).getAddress());
        assertEquals(null, roundTrip(MessageComposer.compose(SESSION, headers(), content, null, null))
                .getHeader("Reply-To"));
    }

    @Test
    void dateAndMimeVersionHeaders() throws Exception {
        MimeMessage m = composeAndParse(new RenderedContent("s", null, "x"), List.of(), List.of());

        assertEquals(DATE, m.getSentDate().toInstant());
        assertEquals("1.0", m.getHeader("MIME-Version")[0]);
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new MailAsset("a.pdf\r\nBcc: x@example.org", "application/pdf", null, PDF));
        assertThrows(IllegalArgumentException.class, () -> new MailHeaders(new InternetAddress("a@example.org"),
                new InternetAddress("b@example.org"), null, "<x@example.org>\r\nBcc: c@example.org", DATE));
    }
}

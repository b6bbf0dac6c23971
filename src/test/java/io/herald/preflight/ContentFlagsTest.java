package io.herald.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.mail.MailAsset;
import io.herald.mail.MailHeaders;
import io.herald.mail.MessageComposer;
import io.herald.template.RenderedContent;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The content flags of messages as MessageComposer builds them, read back from their bytes as spamd gets them. */
class ContentFlagsTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String WORDS = "Our spring newsletter: the new opening hours of the library, the reading"
            + " group's next three books, and a report from the autumn fair with thanks to everyone who helped. See you"
            + " at the summer reading evening in the garden! ";
    private static final MailAsset BANNER = new MailAsset("banner.png", "image/png", "banner@herald",
            new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    private static List<String> flags(RenderedContent content, List<MailAsset> images, boolean unsubscribe)
            throws Exception {
        InternetAddress from = new InternetAddress("news@example.org");
        MimeMessage composed = MessageComposer.compose(SESSION, new MailHeaders(from,
                new InternetAddress("ada@example.com"), null, MessageComposer.messageId("p1", from), Instant.now()),
                content, List.of(), images);
        if (unsubscribe) {
            composed.setHeader("List-Unsubscribe", "<https://news.example.org/herald/u/abc>");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        composed.writeTo(bytes);
        MimeMessage received = new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
        return ContentFlags.of(received).stream().map(ContentFlag::name).toList();
    }

    @Test
    void aMessageWithTextHtmlAndUnsubscribeHeaderHasNoFlags() throws Exception {
        assertEquals(List.of(), flags(new RenderedContent("News", "<p>" + WORDS + "</p>", WORDS), List.of(), true));
        assertEquals(List.of(), flags(new RenderedContent("News", null, WORDS), List.of(), true), "text only");
        assertEquals(List.of(), flags(new RenderedContent("News", "<img src=\"cid:banner@herald\"><p>" + WORDS
                + "</p>", WORDS), List.of(BANNER), true), "an image beside enough words");
    }

    @Test
    void htmlWithoutATextPartIsFlagged() throws Exception {
        assertEquals(List.of(ContentFlag.NO_TEXT_PART),
                flags(new RenderedContent("News", "<p>" + WORDS + "</p>", null), List.of(), true));
    }

    @Test
    void aMessageWithoutListUnsubscribeIsFlagged() throws Exception {
        assertEquals(List.of(ContentFlag.NO_LIST_UNSUBSCRIBE),
                flags(new RenderedContent("News", null, WORDS), List.of(), false));
    }

    @Test
    void imagesWithAlmostNoTextAreFlaggedEvenWithATextPart() throws Exception {
        String html = "<html><head><style>p { color: red; " + WORDS + "}</style></head><body>"
                + "<a href=\"https://shop.example\"><img src=\"cid:banner@herald\" alt=\"Sale\"></a>"
                + "<!-- " + WORDS + " --><p>Click&nbsp;here!</p></body></html>";
        assertEquals(List.of(ContentFlag.IMAGE_ONLY),
                flags(new RenderedContent("Sale", html, WORDS), List.of(BANNER), true), "inline image");
        assertEquals(List.of(ContentFlag.NO_TEXT_PART, ContentFlag.NO_LIST_UNSUBSCRIBE, ContentFlag.IMAGE_ONLY),
                flags(new RenderedContent("Sale", "<img src=\"https://cdn.example/sale.jpg\">", null), List.of(),
                        false), "a linked image, and every flag at once");
    }

    @Test
    void visibleTextLeavesOutTagsStylesScriptsAndComments() {
        assertEquals("Hello x world", ContentFlags.visibleText("<style>b{}</style><script>x()</script><!-- c -->"
                + "<p>Hello &amp;\n <b>world</b></p>"));
        assertTrue(ContentFlags.visibleText("<p>" + WORDS + "</p>").length() >= ContentFlags.MIN_TEXT_CHARS);
    }
}

package io.herald.preflight;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The content problems mailbox providers punish that a spam score can hide: no text/plain part (HTML-only mail
 * looks machine-made), no List-Unsubscribe header (Gmail and Yahoo require one for bulk mail since 2024), and an
 * image-only body: HTML with images but fewer than {@value #MIN_TEXT_CHARS} characters of visible text
 * (SpamAssassin's HTML_IMAGE_ONLY_* rules score images with under 400 to 3200 bytes of words).
 */
final class ContentFlags {

    /** Visible text below this, next to an image, is "(almost) no text". */
    static final int MIN_TEXT_CHARS = 200;

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(style|script|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Pattern IMG = Pattern.compile("(?i)<img\\b");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ContentFlags() {
    }

    /** The flags of a composed message, in a fixed order; none for a message with a text part, headers and words. */
    static List<ContentFlag> of(MimeMessage message) throws MessagingException, IOException {
        Body body = new Body();
        body.read(message);
        List<ContentFlag> flags = new ArrayList<>();
        if (!body.hasText) {
            flags.add(new ContentFlag(ContentFlag.NO_TEXT_PART, "the message has no text/plain part: give the"
                    + " template a text body as well as the HTML one"));
        }
        if (message.getHeader("List-Unsubscribe") == null) {
            flags.add(new ContentFlag(ContentFlag.NO_LIST_UNSUBSCRIBE, "the message has no List-Unsubscribe header;"
                    + " Gmail and Yahoo require one-click unsubscribe for bulk mail"));
        }
        if (body.html.length() > 0 && (body.images > 0 || IMG.matcher(body.html).find())) {
            int chars = visibleText(body.html.toString()).length();
            if (chars < MIN_TEXT_CHARS) {
                flags.add(new ContentFlag(ContentFlag.IMAGE_ONLY, "the HTML shows images but only " + chars
                        + " characters of text (fewer than " + MIN_TEXT_CHARS + "): say in words what the images say"));
            }
        }
        return flags;
    }

    /** The text a reader of the HTML sees, whitespace collapsed; an entity counts as one character. */
    static String visibleText(String html) {
        String text = TAG.matcher(INVISIBLE.matcher(html).replaceAll(" ")).replaceAll(" ");
        return SPACE.matcher(ENTITY.matcher(text).replaceAll("x")).replaceAll(" ").trim();
    }

    /** What the body parts hold: a text/plain part, the HTML, and the images shown inline. */
    private static final class Body {

        boolean hasText;
        final StringBuilder html = new StringBuilder();
        int images;

        void read(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart parts = (Multipart) part.getContent();
                for (int i = 0; i < parts.getCount(); i++) {
                    read(parts.getBodyPart(i));
                }
            } else if (!Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                readShown(part);                       // attached files are not what the reader sees
            }
        }

        private void readShown(Part part) throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                hasText = true;
            } else if (part.isMimeType("text/html")) {
                html.append(part.getContent());
            } else if (part.isMimeType("image/*")) {
                images++;
            }
        }
    }
}

package io.herald.mail;

import io.herald.template.RenderedContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * Composes the messages of one campaign from what it prepares once: the same bytes as MessageComposer.compose,
 * but for the multipart boundaries, which are the campaign's instead of new ones per message (docs/design.md,
 * "Prepared messages"). Thread-safe; make one per campaign (per partition of the send step).
 */
public final class PreparedComposer {

    private final Session session;
    private final List<MailAsset> attachments;
    private final List<MailAsset> images;
    // by shape: [0] text alone, [1] HTML alone, [2] both; made when a message of that shape is first composed
    private final MessageLayout[] layouts = new MessageLayout[3];
    private final SharedHeaders shared;

    public PreparedComposer(Session session, List<MailAsset> attachments, List<MailAsset> inlineImages) {
        this.session = session;
        this.attachments = attachments == null ? List.of() : List.copyOf(attachments);
        this.images = inlineImages == null ? List.of() : List.copyOf(inlineImages);
        this.shared = new SharedHeaders(session);
    }

    /**
     * One recipient's message, ready for the deliverability headers and DKIM; like MessageComposer.compose, the
     * content must have a body, and inline images need the HTML one.
     */
    public MimeMessage compose(MailHeaders headers, RenderedContent content) throws MessagingException {
        boolean html = content.html() != null;
        boolean text = content.text() != null;
        if (!html && !text || !html && !images.isEmpty()) {
            return MessageComposer.compose(session, headers, content, attachments, images); // says what is wrong
        }
        MimeMessage prepared = layout(html, text).message(session, shared, headers, content);
        return prepared != null ? prepared : MessageComposer.compose(session, headers, content, attachments, images);
    }

    private synchronized MessageLayout layout(boolean html, boolean text) throws MessagingException {
        int shape = html && text ? 2 : html ? 1 : 0;
        if (layouts[shape] == null) {
            layouts[shape] = MessageLayout.of(session, html, text, attachments, images);
        }
        return layouts[shape];
    }
}

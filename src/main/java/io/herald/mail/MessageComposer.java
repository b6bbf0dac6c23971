package io.herald.mail;

import io.herald.template.RenderedContent;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Builds one recipient's MIME message from rendered content, assets and headers.
 *
 * <p>Shape: text/plain or text/html alone; both become multipart/alternative (plain first, so clients
 * prefer the HTML); inline images wrap the HTML in multipart/related; attachments wrap everything in
 * multipart/mixed.
 */
public final class MessageComposer {

    private static final String UTF_8 = "UTF-8";

    private MessageComposer() {
    }

    /**
     * Builds the message; the Message-ID given in headers must survive saveChanges()/Transport.send (subclass
     * MimeMessage and override updateMessageID).
     */
    public static MimeMessage compose(Session session, MailHeaders headers, RenderedContent content,
                                      List<MailAsset> attachments, List<MailAsset> inlineImages)
            throws MessagingException {
        List<MailAsset> files = attachments == null ? List.of() : attachments;
        List<MailAsset> images = inlineImages == null ? List.of() : inlineImages;
        if (content.html() == null && content.text() == null) {
            throw new IllegalArgumentException("a message needs an HTML or a text body");
        }
        if (content.html() == null && !images.isEmpty()) {
            // Nothing could show them, and a receiver would list them as nameless attachments.
            throw new IllegalArgumentException("inline images need an HTML body that references them");
        }

        MimeMessage message = new FixedIdMessage(session, headers.messageId());
        setHeaders(message, headers, content.subject());

        if (files.isEmpty()) {
            fillBody(message, content, images);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            fillBody(body, content, images);
            mixed.addBodyPart(body);
            for (MailAsset file : files) {
                mixed.addBodyPart(assetPart(file, Part.ATTACHMENT));
            }
            message.setContent(mixed);
        }
        message.saveChanges(); // sets MIME-Version, Content-Transfer-Encodings, and our Message-ID
        return message;
    }

    /** "<" + localPart + "@" + domain of the from address + ">" — a Message-ID on the From domain. */
    public static String messageId(String uniqueLocalPart, InternetAddress from) {
        String address = from.getAddress();
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("the From address has no domain: " + address);
        }
        // RFC 5322 3.6.4: the right-hand side names where the id was made unique; the From domain keeps our
        // ids apart from every other sender's, and spam filters frown on ids from an unrelated domain.
        return "<" + uniqueLocalPart + "@" + address.substring(at + 1) + ">";
    }

    /**
     * From, To, Reply-To, Subject and Date, encoded and folded by Angus. The prepared messages (PreparedComposer) set
     * them with the same methods, so both write the same header lines.
     */
    static void setHeaders(MimeMessage message, MailHeaders headers, String subject) throws MessagingException {
        setFrom(message, headers.from());
        setTo(message, headers.to());
        setReplyTo(message, headers.replyTo());
        setSubject(message, subject);
        setDate(message, headers.date());
    }

    static void setFrom(MimeMessage message, InternetAddress from) throws MessagingException {
        message.setFrom(utf8(from));
    }

    static void setTo(MimeMessage message, InternetAddress to) throws MessagingException {
        message.setRecipient(Message.RecipientType.TO, utf8(to));
    }

    /** Sets nothing for a null address. */
    static void setReplyTo(MimeMessage message, InternetAddress replyTo) throws MessagingException {
        if (replyTo != null) {
            message.setReplyTo(new InternetAddress[] {utf8(replyTo)});
        }
    }

    static void setSubject(MimeMessage message, String subject) throws MessagingException {
        message.setSubject(subject, UTF_8);
    }

    static void setDate(MimeMessage message, Instant date) throws MessagingException {
        message.setSentDate(Date.from(date));
    }

    /** The body alone: text, HTML (perhaps with its images), or both as alternatives. */
    private static void fillBody(MimePart target, RenderedContent content, List<MailAsset> images)
            throws MessagingException {
        if (content.html() == null) {
            target.setText(content.text(), UTF_8, "plain");
        } else if (content.text() == null) {
            fillHtml(target, content.html(), images);
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(content.text(), UTF_8, "plain");
            alternative.addBodyPart(plain);
            MimeBodyPart html = new MimeBodyPart();
            fillHtml(html, content.html(), images);
            alternative.addBodyPart(html);
            target.setContent(alternative);
        }
    }

    /** The HTML, wrapped in multipart/related with its images when it has any (RFC 2387). */
    private static void fillHtml(MimePart target, String html, List<MailAsset> images) throws MessagingException {
        if (images.isEmpty()) {
            target.setText(html, UTF_8, "html");
            return;
        }
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart page = new MimeBodyPart();
        page.setText(html, UTF_8, "html");
        related.addBodyPart(page);
        for (MailAsset image : images) {
            MimeBodyPart part = assetPart(image, Part.INLINE);
            part.setContentID("<" + image.contentId() + ">");
            related.addBodyPart(part);
        }
        target.setContent(related);
    }

    private static MimeBodyPart assetPart(MailAsset asset, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(asset.data(), asset.contentType())));
        part.setDisposition(disposition);
        if (asset.filename() != null) {
            part.setFileName(asset.filename());
        }
        return part;
    }

    /** Re-encodes the display name as UTF-8, whatever the platform charset was when the address was made. */
    private static InternetAddress utf8(InternetAddress address) throws MessagingException {
        if (address.getPersonal() == null) {
            return address;
        }
        try {
            return new InternetAddress(address.getAddress(), address.getPersonal(), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is not supported", e);
        }
    }

    /** A MimeMessage that keeps the Message-ID we chose, so bounces and replies can be matched to a delivery. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}

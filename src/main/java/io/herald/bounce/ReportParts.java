package io.herald.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * The two parts of a delivery report that bounce processing reads, found anywhere in the message's MIME tree
 * (under multipart/report, or the multipart/mixed some IMAP servers turn it into) and read from their raw
 * bytes, so nothing depends on the content handlers that Angus DSN registers in its jar's META-INF/mailcap,
 * which the Activation framework may not see from inside a WAR.
 */
record ReportParts(Part deliveryStatus, Part original) {

    /** A DSN for one recipient is under 2 KB; this leaves room for long ones and stops a hostile part. */
    static final int MAX_DELIVERY_STATUS_BYTES = 256 * 1024;

    /** Enough for the header block of the returned message; its body is never needed. */
    static final int MAX_ORIGINAL_BYTES = 64 * 1024;

    /** Multipart nesting deeper than this is not walked (real reports nest three deep at most). */
    private static final int MAX_DEPTH = 8;

    private static final List<String> DELIVERY_STATUS_TYPES =
            List.of("message/delivery-status", "message/global-delivery-status");
    private static final List<String> ORIGINAL_TYPES =
            List.of("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers");

    /** The first delivery-status part and the first returned message (or its headers); either may be null. */
    static ReportParts find(Part message) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        collectLeaves(message, 0, leaves);
        return new ReportParts(first(leaves, DELIVERY_STATUS_TYPES), first(leaves, ORIGINAL_TYPES));
    }

    /** The delivery-status part parsed by Angus DSN: its per-message fields and one group per recipient. */
    DeliveryStatus readDeliveryStatus() throws MessagingException, IOException {
        byte[] bytes = read(deliveryStatus, MAX_DELIVERY_STATUS_BYTES + 1);
        if (bytes.length > MAX_DELIVERY_STATUS_BYTES) {
            throw new MessagingException("the delivery-status part is larger than "
                    + MAX_DELIVERY_STATUS_BYTES / 1024 + " KiB");
        }
        return new DeliveryStatus(new ByteArrayInputStream(bytes));
    }

    /**
     * The header block of the returned message, or null when there is none or it cannot be read: it only adds
     * the Message-ID and the Return-Path, and a report can be classified without them.
     */
    InternetHeaders readOriginalHeaders() {
        if (original == null) {
            return null;
        }
        try {
            return new InternetHeaders(new ByteArrayInputStream(read(original, MAX_ORIGINAL_BYTES)));
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static void collectLeaves(Part part, int depth, List<Part> leaves) throws MessagingException {
        if (!part.isMimeType("multipart/*")) {
            leaves.add(part);
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        // built from the raw data source, not getContent(): no content handler is needed (and over IMAP the
        // data source already knows the body structure)
        Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            collectLeaves(child, depth + 1, leaves);
        }
    }

    private static Part first(List<Part> parts, List<String> types) throws MessagingException {
        for (Part p : parts) {
            for (String type : types) {
                if (p.isMimeType(type)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The part's content, transfer encoding undone, at most {@code limit} bytes of it. */
    private static byte[] read(Part part, int limit) throws MessagingException, IOException {
        try (InputStream in = decoded(part)) {
            return in.readNBytes(limit);
        }
    }

    /**
     * RFC 2046 forbids base64 and quoted-printable on message/* parts, so Angus Mail ignores the encoding there
     * (unless mail.mime.allowencodedmessages is set); some MTAs encode them all the same, so it is undone here.
     */
    private static InputStream decoded(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart p) {
            return MimeUtility.decode(p.getRawInputStream(), encoding(p.getEncoding()));
        }
        if (part instanceof MimeMessage m) {
            return MimeUtility.decode(m.getRawInputStream(), encoding(m.getEncoding()));
        }
        return part.getInputStream();
    }

    private static String encoding(String declared) {
        return declared == null ? "7bit" : declared;
    }
}

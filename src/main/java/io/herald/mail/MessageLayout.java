package io.herald.mail;

import io.herald.template.RenderedContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body bytes that every message of a campaign with one shape (text, HTML or both) shares: composed once by
 * MessageComposer around marker bodies, and cut where each recipient's own text and HTML go.
 *
 * <p>A recipient's body is then: static bytes, "Content-Transfer-Encoding: X" and the encoded text, static bytes,
 * the same for the HTML, static bytes. Attachments and inline images are base64-encoded in the static bytes once,
 * with their part headers and the boundaries as Angus wrote them. A message that is one text part alone has no
 * static bytes: its Content-Transfer-Encoding is a header of the message.
 */
final class MessageLayout {

    private static final byte[] NO_BYTES = new byte[0];
    private static final String CTE = "Content-Transfer-Encoding: ";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");
    // Angus's rule for a text part's encoding (MimeUtility.getEncoding) reads only the type's "text/" and charset
    private static final String TEXT_TYPE = "text/plain; charset=UTF-8";

    private final String contentType;
    private final boolean singlePart;
    private final byte[][] statics;
    private final boolean[] slotIsHtml;
    private final List<String> boundaries;

    private MessageLayout(String contentType, boolean singlePart, byte[][] statics, boolean[] slotIsHtml,
                          List<String> boundaries) {
        this.contentType = contentType;
        this.singlePart = singlePart;
        this.statics = statics;
        this.slotIsHtml = slotIsHtml;
        this.boundaries = boundaries;
    }

    /** Composes the campaign's message once with marker bodies and cuts it at the markers. */
    static MessageLayout of(Session session, boolean html, boolean text, List<MailAsset> attachments,
                            List<MailAsset> images) throws MessagingException {
        // random markers: an attachment that is plain ASCII is written as it is, so it must not hold one by chance
        String mark = UUID.randomUUID().toString();
        String htmlMark = html ? "herald-html-" + mark : null;
        String textMark = text ? "herald-text-" + mark : null;
        InternetAddress nobody = new InternetAddress("layout@herald.invalid");
        MimeMessage skeleton = MessageComposer.compose(session,
                new MailHeaders(nobody, nobody, null, "<layout@herald.invalid>", Instant.EPOCH),
                new RenderedContent("", htmlMark, textMark), attachments, images);
        String contentType = SharedHeaders.written(skeleton, "Content-Type");
        if (contentType.regionMatches(true, 0, "text/", 0, 5)) {
            return new MessageLayout(contentType, true, new byte[][] {NO_BYTES, NO_BYTES}, new boolean[] {html},
                    List.of());
        }
        byte[] body = body(skeleton);
        List<byte[]> statics = new ArrayList<>();
        List<Boolean> slots = new ArrayList<>();
        int from = 0;
        for (String marker : new String[] {textMark, htmlMark}) { // the plain text comes first (MessageComposer)
            if (marker == null) {
                continue;
            }
            byte[] part = (CTE + "7bit\r\n\r\n" + marker).getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(body, part, from);
            if (at < 0) {
                throw new IllegalStateException("Angus wrote the " + marker + " part differently than expected");
            }
            statics.add(Arrays.copyOfRange(body, from, at));
            slots.add(marker.equals(htmlMark));
            from = at + part.length;
        }
        statics.add(Arrays.copyOfRange(body, from, body.length));
        boolean[] slotIsHtml = new boolean[slots.size()];
        for (int i = 0; i < slotIsHtml.length; i++) {
            slotIsHtml[i] = slots.get(i);
        }
        return new MessageLayout(contentType, false, statics.toArray(byte[][]::new), slotIsHtml,
                boundaries(contentType + new String(body, StandardCharsets.ISO_8859_1)));
    }

    /**
     * The message to one recipient; null when a body that would be written as it is (7bit) holds one of the
     * campaign's boundaries, which would end its part early: the caller composes that one message afresh.
     */
    PreparedMessage message(Session session, SharedHeaders shared, MailHeaders headers, RenderedContent content)
            throws MessagingException {
        List<byte[]> segments = new ArrayList<>(statics.length + 2 * slotIsHtml.length);
        String singleEncoding = null;
        for (int i = 0; i < slotIsHtml.length; i++) {
            String value = slotIsHtml[i] ? content.html() : content.text();
            byte[] raw = value.getBytes(StandardCharsets.UTF_8);
            String encoding = MimeUtility.getEncoding(new ByteArrayDataSource(raw, TEXT_TYPE));
            if ("7bit".equals(encoding) && holdsBoundary(value)) {
                return null;
            }
            segments.add(statics[i]);
            if (singlePart) {
                singleEncoding = encoding;
            } else {
                segments.add((CTE + encoding + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            segments.add(encode(session, raw, encoding));
        }
        segments.add(statics[statics.length - 1]);

        PreparedMessage message = new PreparedMessage(session, segments);
        shared.setOn(message, headers, content.subject());
        MessageComposer.setTo(message, headers.to());
        message.setHeader("MIME-Version", "1.0");
        message.setHeader("Content-Type", contentType);
        if (singleEncoding != null) {
            message.setHeader("Content-Transfer-Encoding", singleEncoding);
        }
        message.setHeader("Message-ID", headers.messageId());
        return message;
    }

    private boolean holdsBoundary(String value) {
        for (String boundary : boundaries) {
            if (value.contains(boundary)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What Angus writes for a text part's content in that encoding: the same encoder, flushed, not closed. Taken from
     * the session's stream provider: MimeUtility.encode looks the provider up with a ServiceLoader at every call.
     */
    private static byte[] encode(Session session, byte[] raw, String encoding) throws MessagingException {
        if ("7bit".equals(encoding)) {
            return raw;
        }
        Buffer out = new Buffer(raw.length + raw.length / 3 + 16);
        try {
            StreamProvider provider = session.getStreamProvider();
            OutputStream encoder = "base64".equals(encoding) ? provider.outputBase64(out) : provider.outputQP(out);
            encoder.write(raw);
            encoder.flush();
        } catch (IOException e) {
            throw new MessagingException("encoding a body as " + encoding, e);
        }
        return out.toByteArray();
    }

    /** A ByteArrayOutputStream without its lock: the encoders write one byte at a time. */
    private static final class Buffer extends OutputStream {

        private byte[] bytes;
        private int count;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }
    }

    private static byte[] body(MimeMessage skeleton) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            skeleton.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("writing a message to memory", e);
        }
        byte[] bytes = out.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        return Arrays.copyOfRange(bytes, end + 4, bytes.length);
    }

    private static List<String> boundaries(String written) {
        List<String> found = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(written);
        while (m.find()) {
            if (!found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return List.copyOf(found);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.herald.bounce;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * One message of the bounce mailbox, copied into memory: the key that tells whether it was recorded before (the
 * SHA-256 of its Message-ID, or of its bytes when it has none), its Message-ID, and its content to parse.
 * {@code truncated}: the message is larger than MAX_BYTES and only its start was read; it is not parsed.
 */
record BounceMessage(String key, String messageId, MimeMessage content, boolean truncated) {

    /** Real bounces are a few KB, 1 MB with the returned message and its attachments; this bounds a hostile one. */
    static final int MAX_BYTES = 10 * 1024 * 1024;

    /** delivery.message_id and bounce_event.message_id are VARCHAR(998), the longest header line (RFC 5322). */
    static final int MAX_MESSAGE_ID = 998;

    private static final Session SESSION = Session.getInstance(new Properties());

    /** Reads the message from the server (at most MAX_BYTES of it, one fetch) and parses its headers. */
    static BounceMessage read(Message message) throws MessagingException, IOException {
        Bounded out = new Bounded();
        try {
            message.writeTo(out);
        } catch (LimitReached e) {
            return of(out.toByteArray(), true);
        }
        return of(out.toByteArray(), false);
    }

    /** The message in {@code raw} (all of it, or its first MAX_BYTES when truncated). */
    static BounceMessage of(byte[] raw, boolean truncated) throws MessagingException {
        MimeMessage content = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        String id = messageId(content);
        String key = sha256(id != null ? ("message-id:" + id).getBytes(StandardCharsets.UTF_8) : raw);
        return new BounceMessage(key, id, content, truncated);
    }

    /** The Message-ID as one line, or null when there is none (or it cannot be read). */
    private static String messageId(MimeMessage content) {
        String id;
        try {
            id = content.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
        if (id == null || id.isBlank()) {
            return null;
        }
        id = id.replaceAll("\\s+", " ").trim();
        return id.length() <= MAX_MESSAGE_ID ? id : id.substring(0, MAX_MESSAGE_ID);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Keeps the first MAX_BYTES written, then stops the writer. */
    private static final class Bounded extends ByteArrayOutputStream {

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = MAX_BYTES - size();
            super.write(b, off, Math.min(len, room));
            if (len > room) {
                throw new LimitReached();
            }
        }

        @Override
        public synchronized void write(int b) {
            if (size() >= MAX_BYTES) {
                throw new LimitReached();
            }
            super.write(b);
        }
    }

    /** Thrown through writeTo to stop reading a message that is too large. */
    private static final class LimitReached extends RuntimeException {
        LimitReached() {
            super(null, null, false, false);
        }
    }
}

package io.herald.mail;

import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.Objects;

/** The per-message headers. replyTo may be null. messageId is the full "<...@domain>" value. */
public record MailHeaders(InternetAddress from, InternetAddress to, InternetAddress replyTo, String messageId,
                          Instant date) {

    public MailHeaders {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(date, "date");
        // The id is written verbatim (see MessageComposer), so it must be one well-formed token.
        if (!messageId.matches("<[^<>@\\s]+@[^<>@\\s]+>")) {
            throw new IllegalArgumentException("messageId must look like <local@domain>: " + messageId);
        }
    }
}

package io.herald.delivery;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** The processor's result for one delivery: a message ready to send, or the reason it is skipped. */
public record OutgoingMessage(DeliveryItem delivery, MimeMessage message, InternetAddress to, String messageId,
                              String skipReason) {

    static OutgoingMessage send(DeliveryItem d, MimeMessage message, InternetAddress to, String messageId) {
        return new OutgoingMessage(d, message, to, messageId, null);
    }

    static OutgoingMessage skip(DeliveryItem d, String reason) {
        return new OutgoingMessage(d, null, null, null, reason);
    }
}

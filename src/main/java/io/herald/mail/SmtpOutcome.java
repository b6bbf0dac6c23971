package io.herald.mail;

/**
 * What the SMTP server made of one message: accepted, to be tried again later, or refused for good.
 * replyCode and enhancedCode are null when no reply was received (connection lost); connectionLost tells the
 * sender to open a new connection before the next message.
 */
public record SmtpOutcome(Kind kind, Integer replyCode, String enhancedCode, String replyText, boolean connectionLost) {

    /** Accepted (2xx), transient failure (4xx or no reply), permanent failure (5xx). */
    public enum Kind { ACCEPTED, TRANSIENT, PERMANENT }

    /** A short text for the delivery row and the logs: "550 5.1.1 user unknown" or "connection lost: …". */
    public String describe() {
        return replyText == null ? "(no reply)" : replyText;
    }
}

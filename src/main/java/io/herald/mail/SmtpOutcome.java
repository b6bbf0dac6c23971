package io.herald.mail;

/**
 * What the SMTP server made of one message: accepted, to be tried again later, refused for good, unknown (the
 * connection died after the whole message was sent), or a refusal of Herald itself (sender or login) that no other
 * message can get past. replyCode and enhancedCode are null when no reply was received; connectionLost tells the
 * sender to open a new connection before the next message.
 */
public record SmtpOutcome(Kind kind, Integer replyCode, String enhancedCode, String replyText, boolean connectionLost) {

    /** Accepted (2xx), transient (4xx or no reply), permanent (5xx), unknown fate, systemic (sender, login). */
    public enum Kind { ACCEPTED, TRANSIENT, PERMANENT, UNKNOWN, SYSTEMIC }

    /** 421 and the RFC 3463 X.7.x "policy" family in a 4xx reply are how servers say "slow down". */
    public boolean isThrottling() {
        return kind == Kind.TRANSIENT && replyCode != null
                && (replyCode == 421 || (enhancedCode != null && enhancedCode.startsWith("4.7.")));
    }

    /** RFC 3463 X.1.1: the mailbox does not exist. */
    public boolean isBadMailbox() {
        return kind == Kind.PERMANENT && enhancedCode != null && enhancedCode.endsWith(".1.1");
    }

    /** A short text for the delivery row and the logs: "550 5.1.1 user unknown" or "connection lost: …". */
    public String describe() {
        return replyText == null ? "(no reply)" : replyText;
    }
}

package io.herald.mail;

/**
 * The SMTP server stayed unreachable for the campaign's maximum of consecutive failures: an outage. The send step
 * stops, the campaign pauses with this reason, and resuming it later continues from the checkpoint.
 */
public class SmtpUnavailableException extends RuntimeException {

    public SmtpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

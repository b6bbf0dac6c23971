package io.herald.mail;

/**
 * The SMTP server cannot be used at all (unreachable, authentication refused): no message can go out, so the
 * send step fails and the campaign is restarted later from its checkpoint, instead of deferring every recipient.
 */
public class SmtpUnavailableException extends RuntimeException {

    public SmtpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

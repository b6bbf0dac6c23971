package io.herald.mail;

/**
 * The SMTP server refuses Herald itself (its login, or the campaign's sender address): no other message can get
 * through either, so the send step fails and the campaign is FAILED until an operator fixes the configuration.
 */
public class SenderRefusedException extends RuntimeException {

    public SenderRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}

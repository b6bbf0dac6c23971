package io.herald.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, noting when a message has been transmitted in full (the terminating "." is about to be
 * sent). A connection that dies after that point leaves the message's fate unknown: the server may have
 * accepted it. Before it, the server cannot have accepted it (RFC 5321 §4.1.1.4).
 */
public class TrackingSmtpTransport extends SMTPTransport {

    private volatile boolean transmitted;

    public TrackingSmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    /** Clears the mark before a new message. */
    void startMessage() {
        transmitted = false;
    }

    /** True once the current message's content has been written out and only the server's answer is missing. */
    boolean messageTransmitted() {
        return transmitted;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        transmitted = true;
        super.finishData();
    }
}

package io.herald.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.jboss.logging.Logger;

/**
 * One SMTP connection of the container-managed session, kept open across messages and reopened after the
 * server dropped it. Not thread-safe: one per writer.
 */
public class SmtpConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class);

    private final Session session;
    private Transport transport;

    public SmtpConnection(Session session) {
        this.session = session;
    }

    /** "host:port" of the server this session sends to, for the audit log. */
    public String server() {
        return session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port");
    }

    /** Opens the connection if it is not open; a server that cannot be reached or refuses our login is systemic. */
    public void ensureConnected() {
        // not transport.isConnected(): Angus checks that with a NOOP round trip; a dropped connection shows up
        // as the next send's failure instead, which closes it (see send)
        if (transport != null) {
            return;
        }
        try {
            Transport t = session.getTransport("smtp");
            String user = session.getProperty("herald.smtp.user");
            if (user == null || user.isEmpty()) {
                t.connect();
            } else {
                t.connect(user, session.getProperty("herald.smtp.password"));
            }
            transport = t;
        } catch (AuthenticationFailedException e) {
            throw new SmtpUnavailableException("SMTP server " + server() + " refused Herald's login: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new SmtpUnavailableException("SMTP server " + server() + " is unreachable: " + e.getMessage(), e);
        }
    }

    /** Sends one message to one recipient and says how the server answered; never throws for SMTP replies. */
    public SmtpOutcome send(MimeMessage message, Address recipient) {
        ensureConnected();
        try {
            transport.sendMessage(message, new Address[] {recipient});
            return SmtpReplyClassifier.classifyReply(lastCode(), lastReply());
        } catch (MessagingException e) {
            SmtpOutcome outcome = SmtpReplyClassifier.classify(e);
            if (outcome.connectionLost()) {
                close();
            } else {
                resetAfterRejection();
            }
            return outcome;
        }
    }

    private int lastCode() {
        return transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport s ? s.getLastReturnCode() : 250;
    }

    private String lastReply() {
        return transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport s ? s.getLastServerResponse() : "250";
    }

    /** After a rejected RCPT or DATA the transaction must be reset before the next MAIL FROM (RSET). */
    private void resetAfterRejection() {
        if (!(transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport s)) {
            return;
        }
        try {
            s.issueCommand("RSET", 250);
        } catch (MessagingException e) {
            LOG.debugf("RSET after a rejection failed (%s); reconnecting before the next message", e.getMessage());
            close();
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debugf("closing the SMTP connection: %s", e.getMessage());
            }
            transport = null;
        }
    }
}

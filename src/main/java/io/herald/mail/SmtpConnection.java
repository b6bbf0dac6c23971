package io.herald.mail;

import io.herald.signin.AccessTokens;
import io.herald.signin.TokenRefusedException;
import io.herald.signin.TokenUnavailableException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * One SMTP connection of a sending account's container-managed session, kept open across messages and reopened after the server
 * dropped it. Consecutive connection failures are counted: a server that stays unreachable after maxFailures
 * tries (with 1 s, 2 s, 4 s … between them) is an outage, reported as SmtpUnavailableException so the campaign
 * pauses instead of deferring the rest of its list. Not thread-safe: one per writer.
 */
public class SmtpConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class);
    private static final Provider TRACKING = new Provider(Provider.Type.TRANSPORT, "smtp",
            TrackingSmtpTransport.class.getName(), "Herald", "1");
    private static final Duration MAX_RECONNECT_PAUSE = Duration.ofSeconds(30);

    private final String account;
    private final Session session;
    private final int maxFailures;
    /** The account's OAuth2 tokens (XOAUTH2 sign-in), or null: the session's user and password, or none. */
    private final AccessTokens tokens;
    private String tokenInUse;
    private final SendThrottle throttle = new SendThrottle();
    private TrackingSmtpTransport transport;
    private int consecutiveFailures;
    private String lastFailure;

    /**
     * A connection of the named account's session; with tokens, it signs in as tokens.mailbox() with SASL XOAUTH2 and
     * the current access token, else with the session's user and password, or not at all.
     */
    public SmtpConnection(String account, Session session, int maxFailures, AccessTokens tokens) {
        this.account = account;
        this.session = tokens == null ? session : xoauth2(session);
        this.maxFailures = maxFailures;
        this.tokens = tokens;
    }

    /** The container's session with XOAUTH2 as the one sign-in mechanism (Angus passes the token as the password). */
    private static Session xoauth2(Session session) {
        Properties properties = new Properties();
        properties.putAll(session.getProperties());
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.auth.mechanisms", "XOAUTH2");
        return Session.getInstance(properties);
    }

    /** The sending account's name, for the audit log. */
    public String account() {
        return account;
    }

    /** Whether the connection is open (as far as Herald knows: a dropped one shows at the next send). */
    public boolean isConnected() {
        return transport != null;
    }

    /** "host:port" of the server this session sends to, for the audit log. */
    public String server() {
        return session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port");
    }

    /**
     * Opens the connection if it is not open, trying again with growing pauses; after maxFailures consecutive
     * failures (counting failed sends) the server is unavailable. A refused login is unavailable at once.
     */
    public void ensureConnected() throws InterruptedException {
        // not transport.isConnected(): Angus checks that with a NOOP round trip; a dropped connection shows up
        // as the next send's failure instead, which closes it (see send)
        while (transport == null) {
            if (consecutiveFailures >= maxFailures) {
                throw new SmtpUnavailableException(maxFailures + " consecutive SMTP connection failures, the last: "
                        + lastFailure, null);
            }
            if (!connectOnce() && consecutiveFailures < maxFailures) {
                Thread.sleep(backoff().toMillis());
            }
        }
    }

    /**
     * One try to open the connection unless it is open: false, counted as a failure, when the server cannot be
     * reached (refused, timed out, a 421 greeting) or the token endpoint is down; a refused login is
     * SenderRefusedException.
     */
    public boolean connectOnce() {
        if (transport != null) {
            return true;
        }
        try {
            TrackingSmtpTransport t = (TrackingSmtpTransport) session.getTransport(TRACKING);
            String user = session.getProperty("herald.smtp.user");
            if (tokens != null) {
                signInWithToken(t);
            } else if (user == null || user.isEmpty()) {
                t.connect();
            } else {
                t.connect(user, session.getProperty("herald.smtp.password"));
            }
            transport = t;
            return true;
        } catch (AuthenticationFailedException e) {
            throw new SenderRefusedException("SMTP server " + server() + " (account " + account
                    + ") refused Herald's login: " + e.getMessage(), e);
        } catch (TokenRefusedException e) {
            throw new SenderRefusedException(e.getMessage(), e);
        } catch (MessagingException | TokenUnavailableException e) {
            failed(e instanceof TokenUnavailableException ? e.getMessage()
                    : "SMTP server " + server() + " (account " + account + ") is unreachable: " + e.getMessage());
            return false;
        }
    }

    /**
     * XOAUTH2 with the current token; a token the server refuses (535: revoked, or expired early) is renewed once and
     * tried again, and a renewed token refused as well is Herald's login refused.
     */
    private void signInWithToken(TrackingSmtpTransport t) throws MessagingException {
        String token = tokens.token();
        try {
            t.connect(tokens.mailbox(), token);
        } catch (AuthenticationFailedException refused) {
            LOG.infof("SMTP server %s refused the OAuth2 token of %s (%s); signing in again with a new one", server(),
                    tokens.mailbox(), refused.getMessage());
            token = tokens.refresh(token);
            t.connect(tokens.mailbox(), token);
        }
        tokenInUse = token;
    }

    /** Sends one message to one recipient and says how the server answered; never throws for SMTP replies. */
    public SmtpOutcome send(MimeMessage message, Address recipient) throws InterruptedException {
        if (tokens != null && transport != null && tokens.due(tokenInUse)) {
            close();            // the token this connection signed in with is due: sign in again before it expires
        }
        ensureConnected();
        if (!throttle.pause().isZero()) {
            Thread.sleep(throttle.pause().toMillis());
        }
        SmtpOutcome outcome;
        try {
            transport.startMessage();
            transport.sendMessage(message, new Address[] {recipient});
            outcome = SmtpReplyClassifier.classifyReply(transport.getLastReturnCode(), transport.getLastServerResponse());
        } catch (MessagingException e) {
            outcome = SmtpReplyClassifier.classify(e, transport.messageTransmitted());
        }
        afterSend(outcome);
        return outcome;
    }

    private void afterSend(SmtpOutcome outcome) {
        if (outcome.isThrottling()) {
            throttle.throttled();
            LOG.infof("SMTP server %s asks Herald to slow down (%s); pausing %d ms between messages",
                    server(), outcome.describe(), throttle.pause().toMillis());
        } else if (outcome.kind() == SmtpOutcome.Kind.ACCEPTED) {
            throttle.accepted();
        }
        if (outcome.connectionLost()) {
            close();
            if (outcome.replyCode() == null) {
                failed("connection to SMTP server " + server() + " lost: " + outcome.describe());
                return;
            }
        } else if (outcome.kind() != SmtpOutcome.Kind.ACCEPTED) {
            resetAfterRejection();
        }
        consecutiveFailures = 0;
    }

    /** Counts a connection failure; ensureConnected gives up once maxFailures are counted in a row. */
    private void failed(String what) {
        consecutiveFailures++;
        lastFailure = what;
        LOG.warnf("%s (%d of %d consecutive failures allowed)", what, consecutiveFailures, maxFailures);
    }

    private Duration backoff() {
        Duration pause = Duration.ofSeconds(1L << Math.min(consecutiveFailures - 1, 5));
        return pause.compareTo(MAX_RECONNECT_PAUSE) > 0 ? MAX_RECONNECT_PAUSE : pause;
    }

    /** After a rejected RCPT or DATA the transaction must be reset before the next MAIL FROM (RSET). */
    private void resetAfterRejection() {
        if (transport == null) {
            return;
        }
        try {
            transport.issueCommand("RSET", 250);
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

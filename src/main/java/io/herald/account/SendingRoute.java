package io.herald.account;

import io.herald.mail.SmtpConnection;
import io.herald.mail.SmtpOutcome;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The SMTP connection a send partition uses: its campaign's own account, or, while that one cannot be reached
 * (connection refused or timed out, a 421 greeting), the campaign's fallback account. On the fallback it tries its own
 * account again every retryOwn and goes back to it as soon as it answers. Without a fallback, or with both
 * unreachable, the connection's own rules apply: reconnection with backoff, then an outage that pauses the campaign.
 * A refused login is never a reason to fall back: it fails the campaign. Not thread-safe: one per writer.
 */
public class SendingRoute implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SendingRoute.class);

    private final long campaignId;
    private final SmtpConnection own;
    private final SmtpConnection fallback;
    private final long retryOwnNanos;
    private SmtpConnection current;
    private long retryOwnAt;

    /** fallback null: the own account only. */
    public SendingRoute(long campaignId, SmtpConnection own, SmtpConnection fallback, Duration retryOwn) {
        this.campaignId = campaignId;
        this.own = own;
        this.fallback = fallback;
        this.retryOwnNanos = retryOwn.toNanos();
        this.current = own;
    }

    /** Connects the account messages go through now, choosing it as the class comment says. */
    public void ensureConnected() throws InterruptedException {
        if (fallback == null) {
            own.ensureConnected();
            return;
        }
        if (current == fallback && System.nanoTime() - retryOwnAt >= 0) {
            if (own.connectOnce()) {
                LOG.infof("campaign %d: account %s (%s) answers again; sending through it instead of account %s",
                        campaignId, own.account(), own.server(), fallback.account());
                fallback.close();
                current = own;
            } else {
                retryOwnAt = System.nanoTime() + retryOwnNanos;
            }
        }
        if (current == own) {
            if (own.isConnected() || own.connectOnce()) {
                return;
            }
            LOG.warnf("campaign %d: account %s (%s) cannot be reached; sending through fallback account %s (%s) and"
                    + " trying %s again every %d s", campaignId, own.account(), own.server(), fallback.account(),
                    fallback.server(), own.account(), Duration.ofNanos(retryOwnNanos).toSeconds());
            current = fallback;
            retryOwnAt = System.nanoTime() + retryOwnNanos;
        }
        fallback.ensureConnected();
    }

    /** Sends one message to one recipient through the account chosen now; never throws for SMTP replies. */
    public SmtpOutcome send(MimeMessage message, Address recipient) throws InterruptedException {
        ensureConnected();
        return current.send(message, recipient);
    }

    /** The account the last message went through (or the next one will). */
    public String account() {
        return current.account();
    }

    /** "host:port" of that account's server. */
    public String server() {
        return current.server();
    }

    @Override
    public void close() {
        own.close();
        if (fallback != null) {
            fallback.close();
        }
    }
}

package io.herald.mail;

import io.herald.cluster.ClusterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * This node's cap on open SMTP connections (HERALD_SMTP_MAX_CONNECTIONS, 0 = none), since relays limit connections
 * per sending IP: a send partition takes a permit before it first connects and gives it back when it ends, so at
 * most that many partitions, over all campaigns, hold a connection at once; the others wait their turn.
 */
@ApplicationScoped
public class SmtpConnectionCap {

    private final int max = ClusterSettings.fromSystemProperties().maxSmtpConnections();
    private final Semaphore permits = new Semaphore(Math.max(1, max), true);

    /** Waits for a permit (none is needed without a cap); true once held. Interrupting the thread ends the wait. */
    public boolean acquire() throws InterruptedException {
        if (max <= 0) {
            return false;
        }
        while (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for one of the " + max + " SMTP connections");
            }
        }
        return true;
    }

    /** Gives back a permit taken by acquire(). */
    public void release() {
        if (max > 0) {
            permits.release();
        }
    }

    /** The cap, 0 for none. */
    public int max() {
        return max;
    }
}

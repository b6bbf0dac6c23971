package io.herald.delivery;

import io.herald.account.SendingAccount;
import io.herald.account.SendingAccounts;
import io.herald.account.SendingRoute;
import io.herald.cluster.NodeRegistry;
import io.herald.delivery.SendLedger.Attempt;
import io.herald.delivery.SendLedger.Claim;
import io.herald.delivery.SendLedger.Skip;
import io.herald.mail.SenderRefusedException;
import io.herald.mail.SmtpConnection;
import io.herald.mail.SmtpConnectionCap;
import io.herald.mail.SmtpOutcome;
import io.herald.metrics.SendMetrics;
import io.herald.rate.RateLimits;
import io.herald.recipient.Recipient;
import io.herald.schedule.SendPriorities;
import io.herald.signin.AccessTokens;
import io.herald.signin.SmtpSignIn;
import io.herald.suppression.Suppression;
import io.herald.suppression.SuppressionReason;
import io.herald.suppression.SuppressionService;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends one partition's messages through the campaign's sending account (or its fallback while that one is
 * unreachable: SendingRoute) over the partition's own reused connection, a group of inFlight messages at a time: the group is claimed (SENDING) in one batch, sent message by
 * message within the rate limits and priorities, and its outcomes and audit entries recorded in one batch. SMTP
 * failures are data (DEFERRED, FAILED, UNKNOWN); a mailbox that does not exist (X.1.1) also bounces the recipient
 * and suppresses the address in every list.
 * Only an outage (SmtpUnavailableException: the campaign pauses) or a refusal of Herald itself
 * (SenderRefusedException: the campaign fails) ends the step; claimed messages not yet attempted are released.
 * A lost connection records the group's attempts so far at once, before the reconnection attempts. Each step is
 * also written to the partition's SendJournal, so that a kill leaves UNKNOWN only the message inside its SMTP
 * transaction.
 */
@Named
@Dependent
public class DeliveryWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(DeliveryWriter.class);

    @Inject
    JobContext jobContext;

    @Inject
    DeliveryStore store;

    @Inject
    SendLedger ledger;

    @Inject
    SendingContextLoader contexts;

    @Inject
    Clock clock;

    @Inject
    SendingAccounts accounts;

    @Inject
    SendPriorities priorities;

    @Inject
    RateLimits rateLimits;

    @Inject
    SuppressionService suppressions;

    @Inject
    SendMetrics metrics;

    @Inject
    NodeRegistry nodes;

    @Inject
    SmtpConnectionCap connectionCap;

    @Inject
    SmtpSignIn signIn;

    /** Messages claimed at once (default 20 in send-campaign.xml): at most this many per partition end UNKNOWN in a crash. */
    @Inject
    @BatchProperty
    String inFlight;

    /** This partition's index (from the partition plan): its counter rows are DeliveryCounters.partition(node, index). */
    @Inject
    @BatchProperty
    String partition;

    private SendingContext context;
    private SendingRoute smtp;
    private SendLedger.Sender sender;
    private String node;
    private int groupSize;
    private boolean permit;
    private SendJournal journal;

    /** A connection of the named account; an account that no longer exists, or wrong OAuth2 settings, fail the campaign. */
    private SmtpConnection connection(String name) {
        if (name == null) {
            return null;
        }
        try {
            SendingAccount account = accounts.get(name);
            AccessTokens tokens = signIn.tokens(account);
            return new SmtpConnection(account.name(), account.session(), context.maxSendErrors(), tokens);
        } catch (IllegalArgumentException e) {
            throw new SenderRefusedException("Herald cannot send through account " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void open(Serializable checkpoint) {
        priorities.enter(SendCampaignJob.campaignId(jobContext));
        context = contexts.load(SendCampaignJob.campaignId(jobContext));
        int index = partition == null || partition.isBlank() ? 0 : Integer.parseInt(partition.trim());
        sender = new SendLedger.Sender(context.campaignId(), DeliveryCounters.partition(nodes.id(), index),
                DeliveryReader.owner(jobContext.getExecutionId(), index));
        smtp = new SendingRoute(context.campaignId(), connection(context.account()),
                connection(context.fallbackAccount()), accounts.fallbackRetry());
        node = System.getProperty("jboss.node.name", "unknown");
        groupSize = inFlight == null || inFlight.isBlank() ? 20 : Math.max(1, Integer.parseInt(inFlight.trim()));
        journal = SendJournal.open(context.campaignId(), sender.owner());
    }

    @Override
    public void writeItems(List<Object> items) throws InterruptedException {
        List<Skip> skips = new ArrayList<>();
        List<OutgoingMessage> messages = new ArrayList<>(items.size());
        for (Object item : items) {
            OutgoingMessage m = (OutgoingMessage) item;
            if (m.skipReason() != null) {
                skips.add(new Skip(m.delivery(), m.skipReason()));
            } else {
                messages.add(m);
            }
        }
        metrics.skipped(ledger.skip(sender, skips, clock.instant()));
        for (int from = 0; from < messages.size(); from += groupSize) {
            sendGroup(messages.subList(from, Math.min(messages.size(), from + groupSize)));
        }
    }

    private void sendGroup(List<OutgoingMessage> group) throws InterruptedException {
        if (!permit) {
            permit = connectionCap.acquire();                // HERALD_SMTP_MAX_CONNECTIONS: held until close
        }
        smtp.ensureConnected();                              // an outage pauses the campaign before anything is claimed
        List<Claim> claims = new ArrayList<>(group.size());
        for (OutgoingMessage m : group) {
            claims.add(new Claim(m.delivery(), m.messageId()));
        }
        journal.claimed(claims);                             // before the claim: what to give back after a kill
        boolean[] claimed = ledger.claim(sender, claims, clock.instant());
        List<Attempt> attempts = new ArrayList<>(group.size());
        List<Claim> unattempted = new ArrayList<>();
        List<String> bounced = new ArrayList<>();
        SmtpOutcome refusal = null;
        int i = 0;
        try {
            for (; i < group.size() && refusal == null; i++) {
                if (!claimed[i]) {
                    LOG.debugf("delivery %d changed under the send step; not sending it", group.get(i).delivery().id());
                    continue;
                }
                OutgoingMessage m = group.get(i);
                priorities.awaitTurn(context.campaignId());  // a higher-priority campaign sends first
                rateLimits.acquire(context.campaignId(), context.maxPerSecond(), m.to().getAddress());
                long started = System.nanoTime();
                journal.started(m.delivery().id());
                SmtpOutcome outcome = smtp.send(m.message(), m.to());
                Attempt attempt = attempt(m, outcome, Duration.ofNanos(System.nanoTime() - started));
                journal.answered(attempt);
                attempts.add(attempt);
                if (outcome.isBadMailbox()) {
                    bounced.add(m.delivery().email().trim());
                }
                if (outcome.kind() == SmtpOutcome.Kind.SYSTEMIC) {
                    refusal = outcome;
                }
                if (outcome.connectionLost()) {
                    // reconnecting may take long (an outage): what was attempted goes on record before that
                    record(attempts);
                    attempts.clear();
                }
            }
        } finally {
            // what was attempted is on record, whatever ended the group; the rest is as if never claimed
            record(attempts);
            for (; i < group.size(); i++) {
                if (claimed[i]) {
                    unattempted.add(claims.get(i));
                }
            }
            ledger.release(sender, unattempted, clock.instant());
            journal.clear();                                 // the group is committed: its journal lines are not needed
        }
        for (String address : bounced) {
            store.bounce(Recipient.keyOf(address));
            suppressions.suppress(address, Suppression.EVERY_LIST, SuppressionReason.HARD_BOUNCE,
                    "mailbox does not exist (X.1.1), campaign " + context.campaignId());
        }
        if (refusal != null) {
            throw new SenderRefusedException("SMTP server " + smtp.server() + " refuses Herald: " + refusal.describe()
                    + " (sender " + context.from().getAddress() + ")", null);
        }
    }

    /** Records the attempts in one transaction, then counts them in the metrics: counts follow what is committed. */
    private void record(List<Attempt> attempts) {
        ledger.record(sender, attempts);
        metrics.recorded(attempts);
    }

    private Attempt attempt(OutgoingMessage m, SmtpOutcome outcome, Duration latency) {
        DeliveryItem d = m.delivery();
        Instant now = clock.instant();
        var result = AttemptResult.of(outcome, d.attempts() + 1, d.firstAttemptAt() == null ? now : d.firstAttemptAt(),
                context.retry(), context.unknownPolicy(), now);
        return new Attempt(d.id(), result, new AuditEntry(d.id(), context.campaignId(), m.messageId(),
                context.from().getAddress(), m.to().getAddress(), result.at(), smtp.account(), smtp.server(), outcome.replyCode(),
                outcome.enhancedCode(), outcome.replyText(), result.status(), node,
                (int) Math.min(Integer.MAX_VALUE, latency.toMillis())));
    }

    @Override
    public void close() {
        priorities.leave(SendCampaignJob.campaignId(jobContext));
        if (smtp != null) {
            smtp.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (permit) {
            permit = false;
            connectionCap.release();
        }
    }
}

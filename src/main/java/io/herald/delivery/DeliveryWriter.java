package io.herald.delivery;

import io.herald.mail.SenderRefusedException;
import io.herald.mail.SmtpConnection;
import io.herald.mail.SmtpOutcome;
import io.herald.recipient.Recipient;
import io.herald.schedule.SendPriorities;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.Session;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends each message through Herald's container-managed mail session over one reused connection and records
 * its outcome on the delivery row and in the audit log, message by message. SMTP failures are data (DEFERRED,
 * FAILED, UNKNOWN); a mailbox that does not exist (X.1.1) also bounces the recipient. Only an outage
 * (SmtpUnavailableException: the campaign pauses) or a refusal of Herald itself (SenderRefusedException: the
 * campaign fails) ends the step, leaving the rest PENDING.
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
    SendingContextLoader contexts;

    @Inject
    Clock clock;

    @Resource(lookup = "java:jboss/mail/herald")
    Session session;

    @Inject
    SendPriorities priorities;

    private SendingContext context;
    private SmtpConnection smtp;
    private String node;

    @Override
    public void open(Serializable checkpoint) {
        priorities.enter(SendCampaignJob.campaignId(jobContext));
        context = contexts.load(SendCampaignJob.campaignId(jobContext));
        smtp = new SmtpConnection(session, context.maxSendErrors());
        node = System.getProperty("jboss.node.name", "unknown");
    }

    @Override
    public void writeItems(List<Object> items) throws InterruptedException {
        for (Object item : items) {
            write((OutgoingMessage) item);
        }
    }

    private void write(OutgoingMessage m) throws InterruptedException {
        DeliveryItem d = m.delivery();
        if (m.skipReason() != null) {
            store.skip(d.id(), d.status(), m.skipReason(), clock.instant());
            return;
        }
        priorities.awaitTurn(context.campaignId());          // a higher-priority campaign sends first
        smtp.ensureConnected();
        if (!store.claim(d.id(), d.status(), m.messageId(), clock.instant())) {
            LOG.debugf("delivery %d changed under the send step; not sending it", d.id());
            return;
        }
        SmtpOutcome outcome = smtp.send(m.message(), m.to());
        int attempts = d.attempts() + 1;
        Instant now = clock.instant();
        var result = AttemptResult.of(outcome, attempts, d.firstAttemptAt() == null ? now : d.firstAttemptAt(),
                context.retry(), context.unknownPolicy(), now);
        store.recordAttempt(d.id(), result, new AuditEntry(d.id(), context.campaignId(), m.messageId(),
                context.from().getAddress(), m.to().getAddress(), result.at(), smtp.server(), outcome.replyCode(),
                outcome.enhancedCode(), outcome.replyText(), result.status(), node));
        if (outcome.isBadMailbox()) {
            store.bounce(Recipient.keyOf(d.email().trim()));
        }
        if (outcome.kind() == SmtpOutcome.Kind.SYSTEMIC) {
            throw new SenderRefusedException("SMTP server " + smtp.server() + " refuses Herald: " + outcome.describe()
                    + " (sender " + context.from().getAddress() + ")", null);
        }
    }

    @Override
    public void close() {
        priorities.leave(SendCampaignJob.campaignId(jobContext));
        if (smtp != null) {
            smtp.close();
        }
    }
}

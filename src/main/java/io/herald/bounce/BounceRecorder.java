package io.herald.bounce;

import io.herald.deliverability.CampaignRecipient;
import io.herald.deliverability.DeliverabilityService;
import io.herald.deliverability.DeliverabilitySettings;
import io.herald.deliverability.VerpAddress;
import io.herald.delivery.DeliveryCounters;
import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.DeliveryStore;
import io.herald.suppression.Suppression;
import io.herald.suppression.SuppressionReason;
import io.herald.suppression.SuppressionService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The database side of bounce processing: finds the delivery a report names (its VERP token, checked by its MAC,
 * else the original Message-ID) and applies BounceOutcome's rule, in one transaction per message that also writes
 * the message's bounce_event. The event's unique key makes this happen once per message: a message seen again finds
 * its event and changes nothing, and of two runs recording it at once only one commits.
 */
@ApplicationScoped
public class BounceRecorder implements BounceRun.Recorder {

    /** Only a delivery whose message went out can bounce; UNKNOWN ones may have gone out, and a bounce proves it. */
    private static final EnumSet<DeliveryStatus> SENT = EnumSet.of(DeliveryStatus.SENT, DeliveryStatus.UNKNOWN);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliverabilityService deliverability;

    @Inject
    DeliveryCounters counters;

    @Inject
    DeliveryStore deliveries;

    @Inject
    SuppressionService suppressions;

    @Inject
    Clock clock;

    /** The bounce domain, to rebuild "bounces+{token}@{domain}" for VerpAddress; null without one. */
    private String bounceDomain;

    /** The delivery a bounce is about, with its recipient's address and address key. */
    record Target(long deliveryId, long campaignId, long recipientId, String email, String emailKey) {
    }

    @PostConstruct
    void init() {
        bounceDomain = DeliverabilitySettings.fromSystemProperties().bounceDomain().orElse(null);
    }

    /** What stands in a bounce event for an address that was erased. */
    static final String ERASED = "(erased address)";

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public BounceOutcome record(BounceMessage message, BounceReport report, int softLimit) {
        BounceOutcome earlier = recordedOutcome(message.key());
        if (earlier != null) {
            return earlier;
        }
        Target target = find(report).orElse(null);
        BounceOutcome outcome;
        String reason = report.reason();
        if (target == null && report.recipient() != null && suppressions.erased(report.recipient())) {
            // a late bounce for a person erased on request: kept as evidence, without the address
            report = report.withRecipientReplaced(ERASED);
            reason = "the address was erased on request (GDPR Art. 17); " + unmatched(report);
        }
        if (target == null || report.kind() == BounceReport.Kind.UNCLASSIFIED) {
            outcome = BounceOutcome.of(report.kind(), target != null, 0, softLimit);
            reason = reason != null ? reason : unmatched(report);
        } else if (report.kind() == BounceReport.Kind.HARD) {
            // first, before this transaction writes anything: bounce() commits on its own (REQUIRES_NEW) and is
            // idempotent, so a rollback here only means it is done again, harmlessly, with the next try
            deliveries.bounce(target.emailKey());
            markBounced(target, report);
            outcome = BounceOutcome.HARD;
        } else {
            int softBounces = countSoftBounce(target.emailKey());
            outcome = BounceOutcome.of(report.kind(), true, softBounces, softLimit);
            reason = outcome == BounceOutcome.SOFT_LIMIT
                    ? softBounces + " soft bounces, the limit is " + softLimit + ": suppressed" : null;
        }
        if (outcome.suppresses()) {
            suppressions.suppress(target.email(), Suppression.EVERY_LIST, SuppressionReason.HARD_BOUNCE,
                    note(outcome, report, target, reason));
        }
        em.persist(new BounceEvent(message, report, outcome, target, reason, clock.instant()));
        em.flush();                                  // a concurrent duplicate fails here, rolling all of this back
        return outcome;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public BounceOutcome recorded(String key) {
        return recordedOutcome(key);
    }

    private BounceOutcome recordedOutcome(String key) {
        List<BounceOutcome> found = em.createQuery(
                        "SELECT e.outcome FROM BounceEvent e WHERE e.messageKey = :k", BounceOutcome.class)
                .setParameter("k", key)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The delivery named by the VERP token (only with a valid MAC), else by the original Message-ID. */
    Optional<Target> find(BounceReport report) {
        Optional<CampaignRecipient> verp = verp(report.verpToken());
        if (verp.isPresent()) {
            Optional<Target> t = first("d.campaign_id = ?1 AND d.recipient_id = ?2", verp.get().campaignId(),
                    verp.get().recipientId());
            if (t.isPresent()) {
                return t;
            }
        }
        String id = report.originalMessageId();
        return id == null || id.length() > BounceMessage.MAX_MESSAGE_ID ? Optional.empty() : first("d.message_id = ?1", id);
    }

    private Optional<CampaignRecipient> verp(String token) {
        Optional<VerpAddress> addresses = deliverability.get().bounceAddresses();
        if (token == null || bounceDomain == null || addresses.isEmpty()) {
            return Optional.empty();
        }
        return addresses.get().parse(VerpAddress.BOUNCES + "+" + token + "@" + bounceDomain);
    }

    private Optional<Target> first(String where, Object... parameters) {
        var query = em.createNativeQuery("SELECT d.id, d.campaign_id, d.recipient_id, d.email, r.email_key"
                + " FROM delivery d JOIN recipient r ON r.id = d.recipient_id WHERE " + where + " ORDER BY d.id");
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        List<?> rows = query.setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Target(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), (String) row[3], (String) row[4]));
    }

    /**
     * SENT (or UNKNOWN) → BOUNCED, with the report as the reason; a delivery in another status is left alone. One
     * update per from-status, so the campaign's counters move by what changed.
     */
    private void markBounced(Target target, BounceReport report) {
        var changes = new DeliveryCounters.Changes(DeliveryCounters.API);
        for (DeliveryStatus from : SENT) {
            int n = em.createQuery("""
                            UPDATE Delivery d SET d.status = :bounced, d.reason = :reason, d.updatedAt = :now
                            WHERE d.id = :id AND d.status = :from""")
                    .setParameter("bounced", DeliveryStatus.BOUNCED)
                    .setParameter("reason", BounceEvent.fit("bounced: " + report.status()
                            + (report.diagnostic() == null ? "" : " " + report.diagnostic()), 2000))
                    .setParameter("now", clock.instant())
                    .setParameter("id", target.deliveryId())
                    .setParameter("from", from)
                    .executeUpdate();
            changes.move(target.campaignId(), from, DeliveryStatus.BOUNCED, n);
        }
        counters.apply(changes);
    }

    /**
     * One more soft bounce for the address, in every list that holds it (suppression is per address too); returns
     * the address's count now.
     */
    private int countSoftBounce(String emailKey) {
        em.createNativeQuery("UPDATE recipient SET soft_bounces = soft_bounces + 1 WHERE email_key = ?1")
                .setParameter(1, emailKey)
                .executeUpdate();
        Number count = (Number) em.createNativeQuery("SELECT MAX(soft_bounces) FROM recipient WHERE email_key = ?1")
                .setParameter(1, emailKey)
                .getSingleResult();
        return count == null ? 0 : count.intValue();
    }

    private static String unmatched(BounceReport report) {
        return "names no delivery of Herald: " + (report.verpToken() == null ? "no VERP token"
                : "VERP token " + report.verpToken() + " is not valid here") + ", "
                + (report.originalMessageId() == null ? "no original Message-ID"
                : "Message-ID " + report.originalMessageId() + " is unknown");
    }

    /** The suppression's note: why, from which campaign, in the remote server's words. */
    private static String note(BounceOutcome outcome, BounceReport report, Target target, String reason) {
        String why = outcome == BounceOutcome.HARD ? "hard bounce" : reason;
        return BounceEvent.fit(why + " (campaign " + target.campaignId() + "): " + report.status()
                + (report.diagnostic() == null ? "" : " " + report.diagnostic()), 2000);
    }
}

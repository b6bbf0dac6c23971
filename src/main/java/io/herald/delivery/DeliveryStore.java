package io.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The delivery table: creating a campaign's rows, paging them for the send step, and the status changes outside
 * the send step's hot path (SendLedger has those), each a conditional update. Changes commit on their own
 * (REQUIRES_NEW): SMTP is not transactional, so what was sent must be on record even if the chunk around it rolls back.
 */
@ApplicationScoped
public class DeliveryStore {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryCounters counters;

    /**
     * Adds a PENDING delivery for every ACTIVE recipient of the list that has none yet and whose address is not
     * suppressed (in this list or in all); returns how many. The check for an existing delivery is left out when the
     * campaign has none at all (its first preparation), which saves an index probe per recipient. The API's counter
     * rows of the campaign are created here, before any of its deliveries exists.
     */
    @Transactional
    public int prepare(long campaignId, long listId, Instant now) {
        boolean first = em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.campaignId = :c", Long.class)
                .setParameter("c", campaignId).getSingleResult() == 0;
        counters.open(campaignId, DeliveryCounters.API, DeliveryCounters.API);
        int added = em.createNativeQuery("""
                        INSERT INTO delivery (campaign_id, recipient_id, email, status, attempts, created_at, updated_at)
                        SELECT ?1, r.id, r.email, 'PENDING', 0, ?2, ?2
                        FROM recipient r
                        WHERE r.list_id = ?3 AND r.status = 'ACTIVE'
                          AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email_key = r.email_key AND s.list_id = 0)
                          AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email_key = r.email_key AND s.list_id = ?3)"""
                        + (first ? "" : """

                          AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.campaign_id = ?1 AND d.recipient_id = r.id)"""))
                .setParameter(1, campaignId)
                .setParameter(2, now)
                .setParameter(3, listId)
                .executeUpdate();
        counters.apply(new DeliveryCounters.Changes(DeliveryCounters.API).add(campaignId, DeliveryStatus.PENDING, added));
        return added;
    }

    /** One partition's share of a campaign's deliveries: those whose id modulo {@code of} is {@code index}. */
    public record Slice(int index, int of) {
        public static final Slice ALL = new Slice(0, 1);

        public Slice {
            if (of < 1 || index < 0 || index >= of) {
                throw new IllegalArgumentException("partition " + index + " of " + of + " does not exist");
            }
        }
    }

    /**
     * The next page of deliveries of the slice to send, with id after {@code afterId}: PENDING, DEFERRED and due,
     * and UNKNOWN too when the campaign's policy is RESEND. Ordered by (campaign_id, id), the columns of the index
     * delivery_campaign_id, so the database walks the index from the keyset and stops after a page (H2 sorts every
     * matching row first when ordered by id alone: a page of a 100,000-delivery campaign cost 270 ms instead of 10).
     */
    @Transactional
    public List<DeliveryItem> page(long campaignId, Slice slice, long afterId, Instant now, int size,
                                   UnknownPolicy unknownPolicy) {
        return em.createQuery("""
                        SELECT new io.herald.delivery.DeliveryItem(d.id, d.status, d.attempts, d.firstAttemptAt,
                                                                   d.messageId, r.id, r.email, r.name, r.attributes)
                        FROM Delivery d JOIN Recipient r ON r.id = d.recipientId
                        WHERE d.campaignId = :c AND d.id > :after AND MOD(d.id, :of) = :index
                          AND (d.status IN :ready OR (d.status = :deferred AND d.nextAttemptAt <= :now))
                        ORDER BY d.campaignId, d.id""", DeliveryItem.class)
                .setParameter("c", campaignId)
                .setParameter("after", afterId)
                .setParameter("of", slice.of())
                .setParameter("index", slice.index())
                .setParameter("ready", unknownPolicy == UnknownPolicy.RESEND
                        ? EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.UNKNOWN) : EnumSet.of(DeliveryStatus.PENDING))
                .setParameter("deferred", DeliveryStatus.DEFERRED)
                .setParameter("now", now)
                .setMaxResults(size)
                .getResultList();
    }

    /** How many ACTIVE recipients of the list the suppression list leaves out. */
    @Transactional
    public int suppressed(long listId) {
        return ((Number) em.createNativeQuery("""
                        SELECT COUNT(*) FROM recipient r
                        WHERE r.list_id = ?1 AND r.status = 'ACTIVE'
                          AND (EXISTS (SELECT 1 FROM suppression s WHERE s.email_key = r.email_key AND s.list_id = 0)
                               OR EXISTS (SELECT 1 FROM suppression s WHERE s.email_key = r.email_key AND s.list_id = ?1))""")
                .setParameter(1, listId)
                .getSingleResult()).intValue();
    }

    /** When the earliest DEFERRED delivery of the slice falls due, or null when none is deferred. */
    @Transactional
    public Instant nextDeferredDue(long campaignId, Slice slice) {
        return em.createQuery("""
                        SELECT MIN(d.nextAttemptAt) FROM Delivery d
                        WHERE d.campaignId = :c AND d.status = :deferred AND MOD(d.id, :of) = :index""", Instant.class)
                .setParameter("c", campaignId)
                .setParameter("of", slice.of())
                .setParameter("index", slice.index())
                .setParameter("deferred", DeliveryStatus.DEFERRED)
                .getSingleResult();
    }

    /**
     * The mailbox does not exist (RFC 3463 X.1.1): the recipient is marked BOUNCED in every list that holds the
     * address, so later campaigns skip it. Returns how many recipient rows changed.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int bounce(String emailKey) {
        return em.createQuery("UPDATE Recipient r SET r.status = :bounced WHERE r.emailKey = :key AND r.status = :active")
                .setParameter("bounced", io.herald.recipient.RecipientStatus.BOUNCED)
                .setParameter("key", emailKey)
                .setParameter("active", io.herald.recipient.RecipientStatus.ACTIVE)
                .executeUpdate();
    }

    /**
     * At the start of a job execution no other execution is sending the campaign, so a SENDING row was left by one
     * that died mid-attempt: its message may have been accepted. It becomes UNKNOWN. Returns how many.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int markInterrupted(long campaignId, Instant now) {
        String reason = "unknown: the server stopped during the SMTP transaction";
        int n = em.createQuery("""
                        UPDATE Delivery d SET d.status = :unknown, d.updatedAt = :now, d.reason = :reason
                        WHERE d.campaignId = :c AND d.status = :sending""")
                .setParameter("unknown", DeliveryStatus.UNKNOWN)
                .setParameter("now", now)
                .setParameter("reason", reason)
                .setParameter("c", campaignId)
                .setParameter("sending", DeliveryStatus.SENDING)
                .executeUpdate();
        if (n > 0) {
            counters.apply(new DeliveryCounters.Changes(DeliveryCounters.API)
                    .move(campaignId, DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN, n)
                    .error(campaignId, DeliveryStatus.UNKNOWN, reason, now));
        }
        return n;
    }

    /**
     * A cancelled campaign's unsent deliveries (PENDING, DEFERRED, UNKNOWN) become CANCELLED; returns how many. One
     * update per status, so the counters move by what each changed.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int cancelUnsent(long campaignId, Instant now) {
        var changes = new DeliveryCounters.Changes(DeliveryCounters.API);
        int cancelled = 0;
        for (DeliveryStatus unsent : UnsentSkips.UNSENT) {
            int n = em.createQuery("""
                            UPDATE Delivery d SET d.status = :cancelled, d.reason = 'campaign cancelled', d.updatedAt = :now
                            WHERE d.campaignId = :c AND d.status = :unsent""")
                    .setParameter("cancelled", DeliveryStatus.CANCELLED)
                    .setParameter("now", now)
                    .setParameter("c", campaignId)
                    .setParameter("unsent", unsent)
                    .executeUpdate();
            changes.move(campaignId, unsent, DeliveryStatus.CANCELLED, n);
            cancelled += n;
        }
        counters.apply(changes);
        return cancelled;
    }

    /** Number of the campaign's deliveries per status, every status present: read from its counters. */
    public Map<String, Long> counts(long campaignId) {
        return counters.counts(campaignId).byStatus();
    }

    /**
     * The counts of each campaign of a page of the campaign list, read from their counters (one query for the page).
     * Every caller that shows several campaigns' counts goes through here.
     */
    public Map<Long, DeliveryCounters.Counts> countsByCampaign(List<Long> campaignIds) {
        return counters.counts(campaignIds);
    }

    /** How many deliveries are still to be tried: PENDING, SENDING, DEFERRED, and UNKNOWN under RESEND. */
    @Transactional
    public long unfinished(long campaignId, UnknownPolicy unknownPolicy) {
        var open = EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.DEFERRED);
        if (unknownPolicy == UnknownPolicy.RESEND) {
            open.add(DeliveryStatus.UNKNOWN);
        }
        return count(campaignId, open);
    }

    private long count(long campaignId, Collection<DeliveryStatus> statuses) {
        return em.createQuery("SELECT COUNT(d) FROM Delivery d WHERE d.campaignId = :c AND d.status IN :s", Long.class)
                .setParameter("c", campaignId)
                .setParameter("s", statuses)
                .getSingleResult();
    }

    /** A page of the campaign's deliveries, optionally of one status, in id order. */
    @Transactional
    public List<Delivery> list(long campaignId, DeliveryStatus status, int page, int size) {
        var query = em.createQuery("SELECT d FROM Delivery d WHERE d.campaignId = :c"
                        + (status == null ? "" : " AND d.status = :s") + " ORDER BY d.campaignId, d.id", Delivery.class)
                .setParameter("c", campaignId)
                .setFirstResult(page * size)
                .setMaxResults(size);
        if (status != null) {
            query.setParameter("s", status);
        }
        return query.getResultList();
    }

    /** Total for {@link #list}. */
    @Transactional
    public long total(long campaignId, DeliveryStatus status) {
        return status == null ? count(campaignId, EnumSet.allOf(DeliveryStatus.class)) : count(campaignId, List.of(status));
    }
}

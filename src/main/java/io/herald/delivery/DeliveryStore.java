package io.herald.delivery;

import io.herald.recipient.RecipientCounts;
import io.herald.recipient.RecipientStatus;
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

    @Inject
    RecipientCounts recipientCounts;

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
        em.createNativeQuery("UPDATE campaign SET prepared_at = ?1 WHERE id = ?2")
                .setParameter(1, now)
                .setParameter(2, campaignId)
                .executeUpdate();
        return added;
    }

    /** Whether the campaign's deliveries were prepared (then other nodes may join its sending). */
    @Transactional
    public boolean prepared(long campaignId) {
        return !em.createNativeQuery("SELECT id FROM campaign WHERE id = ?1 AND prepared_at IS NOT NULL")
                .setParameter(1, campaignId)
                .getResultList().isEmpty();
    }

    /** The statuses a send partition may reserve now (DEFERRED only once due): UNKNOWN too under RESEND. */
    private static String ready(UnknownPolicy unknownPolicy) {
        return unknownPolicy == UnknownPolicy.RESEND ? "('PENDING', 'UNKNOWN')" : "('PENDING')";
    }

    /**
     * Reserves for one send partition (owner, on this node) up to {@code size} of the campaign's deliveries that
     * nobody holds and that are to be sent now (PENDING, DEFERRED and due, UNKNOWN under RESEND), with id after
     * {@code afterId}, in id order, and returns them. The rows are locked with FOR UPDATE SKIP LOCKED, so partitions
     * and nodes reserving at the same moment take different rows and never wait on each other, and marked with the
     * owner (claim_node, claim_owner) before the locks go, in a transaction of their own. Only the owner then claims
     * them for sending (SendLedger); DeliveryStore.release gives back what it did not send.
     */
    @Transactional(TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<DeliveryItem> reserve(long campaignId, String node, long owner, long afterId, Instant now, int size,
                                      UnknownPolicy unknownPolicy) {
        List<Number> ids = em.createNativeQuery("""
                        SELECT d.id FROM delivery d
                        WHERE d.campaign_id = ?1 AND d.id > ?2 AND d.claim_owner IS NULL
                          AND (d.status IN """ + ready(unknownPolicy) + """
                         OR (d.status = 'DEFERRED' AND d.next_attempt_at <= ?3))
                        ORDER BY d.campaign_id, d.id
                        FETCH FIRST ?4 ROWS ONLY
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, campaignId)
                .setParameter(2, afterId)
                .setParameter(3, now)
                .setParameter(4, size)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> reserved = ids.stream().map(Number::longValue).toList();
        em.createNativeQuery("UPDATE delivery SET claim_node = :node, claim_owner = :owner WHERE id IN (:ids)")
                .setParameter("node", node)
                .setParameter("owner", owner)
                .setParameter("ids", reserved)
                .executeUpdate();
        return em.createQuery("""
                        SELECT new io.herald.delivery.DeliveryItem(d.id, d.status, d.attempts, d.firstAttemptAt,
                                                                   d.messageId, r.id, r.email, r.name, r.attributes)
                        FROM Delivery d JOIN Recipient r ON r.id = d.recipientId
                        WHERE d.id IN :ids
                        ORDER BY d.id""", DeliveryItem.class)
                .setParameter("ids", reserved)
                .getResultList();
    }

    /**
     * Gives back what one send partition reserved and did not claim (it stopped or ended with rows in its page):
     * other partitions and nodes may take them. SENDING rows are the writer's (SendLedger records or releases them).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int release(String node, long owner) {
        return em.createNativeQuery("""
                        UPDATE delivery SET claim_node = NULL, claim_owner = NULL
                        WHERE claim_node = ?1 AND claim_owner = ?2 AND status <> 'SENDING'""")
                .setParameter(1, node)
                .setParameter(2, owner)
                .executeUpdate();
    }

    /**
     * What a node that is gone (dead, or this node's previous JVM) held: its SENDING rows become UNKNOWN, since their
     * message may have been accepted (the campaign's unknownPolicy then reports or resends them), and its reserved
     * rows are free again. Returns how many rows became UNKNOWN. Called where nothing of that node runs any more.
     */
    @Transactional(TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public int recoverNode(String node, Instant now) {
        String reason = "unknown: node " + node + " stopped during the SMTP transaction";
        List<Object[]> sending = em.createNativeQuery("""
                        SELECT campaign_id, COUNT(*) FROM delivery WHERE claim_node = ?1 AND status = 'SENDING'
                        GROUP BY campaign_id""")
                .setParameter(1, node)
                .getResultList();
        var changes = new DeliveryCounters.Changes(DeliveryCounters.API);
        int unknown = 0;
        for (Object[] row : sending) {
            long campaignId = ((Number) row[0]).longValue();
            int n = em.createNativeQuery("""
                            UPDATE delivery SET status = 'UNKNOWN', reason = ?1, updated_at = ?2,
                                                claim_node = NULL, claim_owner = NULL
                            WHERE claim_node = ?3 AND campaign_id = ?4 AND status = 'SENDING'""")
                    .setParameter(1, reason)
                    .setParameter(2, now)
                    .setParameter(3, node)
                    .setParameter(4, campaignId)
                    .executeUpdate();
            changes.move(campaignId, DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN, n)
                    .error(campaignId, DeliveryStatus.UNKNOWN, reason, now);
            unknown += n;
        }
        em.createNativeQuery("UPDATE delivery SET claim_node = NULL, claim_owner = NULL WHERE claim_node = ?1")
                .setParameter(1, node)
                .executeUpdate();
        counters.apply(changes);
        return unknown;
    }

    /** Whether the campaign has a delivery that nobody holds and that is to be sent now: another node may join. */
    @Transactional
    public boolean available(long campaignId, Instant now, UnknownPolicy unknownPolicy) {
        return !em.createNativeQuery("""
                        SELECT d.id FROM delivery d
                        WHERE d.campaign_id = ?1 AND d.claim_owner IS NULL
                          AND (d.status IN """ + ready(unknownPolicy) + """
                         OR (d.status = 'DEFERRED' AND d.next_attempt_at <= ?2))
                        FETCH FIRST 1 ROWS ONLY""")
                .setParameter(1, campaignId)
                .setParameter(2, now)
                .getResultList().isEmpty();
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

    /** When the earliest DEFERRED delivery of the campaign that nobody holds falls due, or null when none is. */
    @Transactional
    public Instant nextDeferredDue(long campaignId) {
        Object due = em.createNativeQuery("""
                        SELECT MIN(d.next_attempt_at) FROM delivery d
                        WHERE d.campaign_id = ?1 AND d.status = 'DEFERRED' AND d.claim_owner IS NULL""")
                .setParameter(1, campaignId)
                .getSingleResult();
        return due == null ? null : due instanceof Instant i ? i
                : due instanceof java.time.OffsetDateTime t ? t.toInstant()
                : due instanceof java.sql.Timestamp t ? t.toInstant()
                : Instant.parse(due.toString());
    }

    /**
     * The mailbox does not exist (RFC 3463 X.1.1): the recipient is marked BOUNCED in every list that holds the
     * address, so later campaigns skip it. Returns how many recipient rows changed.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int bounce(String emailKey) {
        List<Long> lists = em.createQuery("SELECT DISTINCT r.list.id FROM Recipient r"
                        + " WHERE r.emailKey = :key AND r.status = :active ORDER BY r.list.id", Long.class)
                .setParameter("key", emailKey)
                .setParameter("active", RecipientStatus.ACTIVE)
                .getResultList();
        RecipientCounts.Change bounced = new RecipientCounts.Change();
        int changed = 0;
        for (long listId : lists) {            // list by list, so that each list's counts move by what changed in it
            int n = em.createQuery("UPDATE Recipient r SET r.status = :bounced"
                            + " WHERE r.emailKey = :key AND r.list.id = :list AND r.status = :active")
                    .setParameter("bounced", RecipientStatus.BOUNCED)
                    .setParameter("key", emailKey)
                    .setParameter("list", listId)
                    .setParameter("active", RecipientStatus.ACTIVE)
                    .executeUpdate();
            bounced.move(listId, RecipientStatus.ACTIVE, RecipientStatus.BOUNCED, n);
            changed += n;
        }
        recipientCounts.apply(bounced);
        return changed;
    }

    /**
     * At the start of the campaign's own execution, a SENDING row that no node holds was left by an execution of a
     * Herald before version 18 that died mid-attempt (rows a node holds are recovered per node: recoverNode): its
     * message may have been accepted. It becomes UNKNOWN. Returns how many.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int markInterrupted(long campaignId, Instant now) {
        String reason = "unknown: the server stopped during the SMTP transaction";
        int n = em.createNativeQuery("""
                        UPDATE delivery SET status = 'UNKNOWN', updated_at = ?1, reason = ?2
                        WHERE campaign_id = ?3 AND status = 'SENDING' AND claim_node IS NULL""")
                .setParameter(1, now)
                .setParameter(2, reason)
                .setParameter(3, campaignId)
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
        em.createNativeQuery("""
                        UPDATE delivery SET claim_node = NULL, claim_owner = NULL
                        WHERE campaign_id = ?1 AND status = 'CANCELLED' AND claim_node IS NOT NULL""")
                .setParameter(1, campaignId)
                .executeUpdate();
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

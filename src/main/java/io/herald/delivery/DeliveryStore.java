package io.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery table: creating a campaign's rows, paging them for the send step, and every status change as a
 * conditional update that must touch exactly one row. Changes commit on their own (REQUIRES_NEW): SMTP is not
 * transactional, so what was sent must be on record even if the chunk around it rolls back.
 */
@ApplicationScoped
public class DeliveryStore {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** Adds a PENDING delivery for every ACTIVE recipient of the list that has none yet; returns how many. */
    @Transactional
    public int prepare(long campaignId, long listId, Instant now) {
        return em.createNativeQuery("""
                        INSERT INTO delivery (campaign_id, recipient_id, email, status, attempts, created_at, updated_at)
                        SELECT ?1, r.id, r.email, 'PENDING', 0, ?2, ?2
                        FROM recipient r
                        WHERE r.list_id = ?3 AND r.status = 'ACTIVE'
                          AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.campaign_id = ?1 AND d.recipient_id = r.id)""")
                .setParameter(1, campaignId)
                .setParameter(2, now)
                .setParameter(3, listId)
                .executeUpdate();
    }

    /**
     * The next page of deliveries to send, with id after {@code afterId}: PENDING, DEFERRED and due, and UNKNOWN
     * too when the campaign's policy is RESEND.
     */
    @Transactional
    public List<DeliveryItem> page(long campaignId, long afterId, Instant now, int size, UnknownPolicy unknownPolicy) {
        return em.createQuery("""
                        SELECT new io.herald.delivery.DeliveryItem(d.id, d.status, d.attempts, d.firstAttemptAt,
                                                                   d.messageId, r.email, r.name, r.attributes)
                        FROM Delivery d JOIN Recipient r ON r.id = d.recipientId
                        WHERE d.campaignId = :c AND d.id > :after
                          AND (d.status IN :ready OR (d.status = :deferred AND d.nextAttemptAt <= :now))
                        ORDER BY d.id""", DeliveryItem.class)
                .setParameter("c", campaignId)
                .setParameter("after", afterId)
                .setParameter("ready", unknownPolicy == UnknownPolicy.RESEND
                        ? EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.UNKNOWN) : EnumSet.of(DeliveryStatus.PENDING))
                .setParameter("deferred", DeliveryStatus.DEFERRED)
                .setParameter("now", now)
                .setMaxResults(size)
                .getResultList();
    }

    /** When the earliest DEFERRED delivery of the campaign falls due, or null when none is deferred. */
    @Transactional
    public Instant nextDeferredDue(long campaignId) {
        return em.createQuery("SELECT MIN(d.nextAttemptAt) FROM Delivery d WHERE d.campaignId = :c AND d.status = :deferred",
                        Instant.class)
                .setParameter("c", campaignId)
                .setParameter("deferred", DeliveryStatus.DEFERRED)
                .getSingleResult();
    }

    /**
     * Claims a delivery for an SMTP attempt: its status must still be {@code from}; counts the attempt and fixes
     * its Message-ID. False when another execution or an operator changed the row first.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(long id, DeliveryStatus from, String messageId, Instant now) {
        return em.createQuery("""
                        UPDATE Delivery d SET d.status = :sending, d.attempts = d.attempts + 1, d.messageId = :mid,
                                              d.firstAttemptAt = COALESCE(d.firstAttemptAt, :now), d.updatedAt = :now
                        WHERE d.id = :id AND d.status = :from""")
                .setParameter("sending", DeliveryStatus.SENDING)
                .setParameter("mid", messageId)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("from", from)
                .executeUpdate() == 1;
    }

    /** Records the end of an SMTP attempt on a SENDING row, with its audit entry, in one transaction. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordAttempt(long id, AttemptResult result, AuditEntry audit) {
        int changed = em.createQuery("""
                        UPDATE Delivery d SET d.status = :to, d.smtpCode = :code, d.enhancedCode = :enhanced,
                                              d.replyText = :reply, d.reason = :reason, d.nextAttemptAt = :next,
                                              d.sentAt = :sentAt, d.updatedAt = :now
                        WHERE d.id = :id AND d.status = :sending""")
                .setParameter("to", result.status())
                .setParameter("code", result.replyCode())
                .setParameter("enhanced", result.enhancedCode())
                .setParameter("reply", result.replyText())
                .setParameter("reason", result.reason())
                .setParameter("next", result.nextAttemptAt())
                .setParameter("sentAt", result.status() == DeliveryStatus.SENT ? result.at() : null)
                .setParameter("now", result.at())
                .setParameter("id", id)
                .setParameter("sending", DeliveryStatus.SENDING)
                .executeUpdate();
        if (changed != 1) {
            throw new IllegalStateException("delivery " + id + " left SENDING while its message was being sent");
        }
        em.persist(audit);
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
        return em.createQuery("""
                        UPDATE Delivery d SET d.status = :unknown, d.updatedAt = :now,
                               d.reason = 'unknown: the server stopped during the SMTP transaction'
                        WHERE d.campaignId = :c AND d.status = :sending""")
                .setParameter("unknown", DeliveryStatus.UNKNOWN)
                .setParameter("now", now)
                .setParameter("c", campaignId)
                .setParameter("sending", DeliveryStatus.SENDING)
                .executeUpdate();
    }

    /** Marks a delivery that will never be sent (invalid address, render error) SKIPPED with the reason. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean skip(long id, DeliveryStatus from, String reason, Instant now) {
        return em.createQuery("""
                        UPDATE Delivery d SET d.status = :skipped, d.reason = :reason, d.updatedAt = :now
                        WHERE d.id = :id AND d.status = :from""")
                .setParameter("skipped", DeliveryStatus.SKIPPED)
                .setParameter("reason", reason)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("from", from)
                .executeUpdate() == 1;
    }

    /** A cancelled campaign's unsent deliveries (PENDING, DEFERRED, UNKNOWN) become CANCELLED; returns how many. */
    @Transactional(TxType.REQUIRES_NEW)
    public int cancelUnsent(long campaignId, Instant now) {
        return em.createQuery("""
                        UPDATE Delivery d SET d.status = :cancelled, d.reason = 'campaign cancelled', d.updatedAt = :now
                        WHERE d.campaignId = :c AND d.status IN :unsent""")
                .setParameter("cancelled", DeliveryStatus.CANCELLED)
                .setParameter("now", now)
                .setParameter("c", campaignId)
                .setParameter("unsent", EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN))
                .executeUpdate();
    }

    /** Number of the campaign's deliveries per status, every status present. */
    @Transactional
    public Map<String, Long> counts(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryStatus s : DeliveryStatus.values()) {
            counts.put(s.name(), 0L);
        }
        em.createQuery("SELECT d.status, COUNT(d) FROM Delivery d WHERE d.campaignId = :c GROUP BY d.status", Object[].class)
                .setParameter("c", campaignId)
                .getResultList()
                .forEach(row -> counts.put(((DeliveryStatus) row[0]).name(), (Long) row[1]));
        return counts;
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
                        + (status == null ? "" : " AND d.status = :s") + " ORDER BY d.id", Delivery.class)
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

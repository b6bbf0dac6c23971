package io.herald.delivery;

import io.herald.recipient.RecipientCounts;
import io.herald.recipient.RecipientStatus;
import io.herald.stats.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The delivery table: creating a campaign's rows, and the status changes outside the send step's hot path (there,
 * DeliveryReservations pages the rows and SendLedger has the claims and outcomes), each a conditional update. Changes
 * commit on their own (REQUIRES_NEW): SMTP is not transactional, so what was sent must be on record even if the chunk
 * around it rolls back.
 */
@ApplicationScoped
public class DeliveryStore {

    @Inject
    RecipientCounts recipientCounts;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryCounters counters;

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    private volatile SqlDialect dialect;

    /** Recipients in a campaign's first slice: small, so the first message leaves at once. */
    static final int FIRST_SLICE = 500;

    /** Recipients in each later slice: one short transaction, whatever the list's size. */
    static final int SLICE = 5000;

    /**
     * What one call of prepareSlice did: the deliveries it added, whether the campaign is now prepared in full, and
     * whether this call prepared its last slice; or that it made none because another transaction was making one
     * (busy) or because deliveries of the campaign were still unreserved (then the caller reserves again first).
     */
    public record Slice(int added, boolean done, boolean last, boolean busy, boolean unreserved) {
        static final Slice BUSY = new Slice(0, false, false, true, false);
        static final Slice UNRESERVED = new Slice(0, false, false, false, true);
        static final Slice PREPARED = new Slice(0, true, false, false, false);

        static Slice made(int added, boolean last) {
            return new Slice(added, last, last, false, false);
        }
    }

    /**
     * Prepares the next slice of the campaign's deliveries: a PENDING delivery for each ACTIVE recipient of the list
     * whose address is not suppressed (in this list or in all), among the next FIRST_SLICE or SLICE recipients by id
     * after the campaign's prepared_through and never past its prepare_until (the highest recipient id when the first
     * slice was made: who joins the list later is not sent to). The campaign's row is locked meanwhile (SKIP LOCKED:
     * a caller that finds it locked gets BUSY instead of waiting), so partitions and nodes prepare one slice at a
     * time, and the boundary moves in the transaction that inserts the slice: a crash leaves nobody prepared twice or
     * left out. No slice is made while deliveries of an earlier one are still unreserved. The first slice also creates
     * the campaign's counter rows (API's) and sets prepared_at, after which other nodes may join the sending.
     * <p>The PENDING counter counts the list's ACTIVE recipients from the first slice on, those not prepared yet too
     * (campaign.prepare_ahead), so the API's counts, total and progress are the list's from the launch; each slice
     * takes its ACTIVE recipients out of prepare_ahead (the suppressed ones leave PENDING), and the last one sets it to
     * 0, which corrects what status changes since the launch made it miss.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Slice prepareSlice(long campaignId, Instant now) {
        List<?> rows = em.createNativeQuery("""
                        SELECT list_id, prepared_at, prepare_until, prepared_through, prepare_ahead FROM campaign
                        WHERE id = ?1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, campaignId)
                .getResultList();
        if (rows.isEmpty()) {
            return Slice.BUSY;                               // another partition or node is making a slice
        }
        Object[] c = (Object[]) rows.get(0);
        long listId = ((Number) c[0]).longValue();
        boolean first = c[1] == null;
        Long until = number(c[2]);
        long from = c[3] == null ? 0 : ((Number) c[3]).longValue();
        long ahead = c[4] == null ? 0 : ((Number) c[4]).longValue();
        if (!first && (until == null || from >= until)) {
            return Slice.PREPARED;                           // prepared in full (before slices existed, too)
        }
        if (!first && unreserved(campaignId)) {
            return Slice.UNRESERVED;                         // deliveries already made are not all taken up
        }
        long counted = ahead;                                // recipients in the PENDING counter without a delivery
        if (first) {
            counters.open(campaignId, DeliveryCounters.API, DeliveryCounters.API);
            until = number(em.createNativeQuery("SELECT MAX(id) FROM recipient").getSingleResult());
            if (until == null) {
                moveBoundary(campaignId, now, 0, 0, 0);      // no recipient at all: nothing to prepare
                return Slice.made(0, true);
            }
            counted = 0;
            ahead = recipientCounts.total(listId, RecipientStatus.ACTIVE);
        }
        Long end = number(em.createNativeQuery(sliceEnd(dialect(), first ? FIRST_SLICE : SLICE))
                .setParameter(1, listId).setParameter(2, from).setParameter(3, until).getSingleResult());
        long through = end == null ? until : end;
        int added = em.createNativeQuery("""
                        INSERT INTO delivery (campaign_id, recipient_id, email, status, attempts, created_at, updated_at)
                        SELECT ?1, r.id, r.email, 'PENDING', 0, ?2, ?2
                        FROM recipient r
                        WHERE r.list_id = ?3 AND r.id > ?4 AND r.id <= ?5 AND r.status = 'ACTIVE'
                          AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email_key = r.email_key AND s.list_id = 0)
                          AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email_key = r.email_key AND s.list_id = ?3)
                        ORDER BY r.list_id, r.id""")
                .setParameter(1, campaignId)
                .setParameter(2, now)
                .setParameter(3, listId)
                .setParameter(4, from)
                .setParameter(5, through)
                .executeUpdate();
        boolean last = through >= until;
        long active = ((Number) em.createNativeQuery("""
                        SELECT COUNT(*) FROM recipient r WHERE r.list_id = ?1 AND r.status = 'ACTIVE' AND r.id > ?2
                          AND r.id <= ?3""")
                .setParameter(1, listId).setParameter(2, from).setParameter(3, through).getSingleResult()).longValue();
        ahead = last ? 0 : Math.max(0, ahead - active);
        counters.apply(new DeliveryCounters.Changes(DeliveryCounters.API)
                .add(campaignId, DeliveryStatus.PENDING, added + ahead - counted));
        moveBoundary(campaignId, now, until, through, ahead);
        return Slice.made(added, last);
    }

    /** Whether the campaign has a PENDING delivery nobody holds (a slice not taken up yet). */
    private boolean unreserved(long campaignId) {
        return !em.createNativeQuery("""
                        SELECT d.id FROM delivery d
                        WHERE d.campaign_id = ?1 AND d.claim_owner IS NULL AND d.status = 'PENDING'
                        FETCH FIRST 1 ROWS ONLY""")
                .setParameter(1, campaignId)
                .getResultList().isEmpty();
    }

    private void moveBoundary(long campaignId, Instant now, long until, long through, long ahead) {
        em.createNativeQuery("""
                        UPDATE campaign SET prepared_at = COALESCE(prepared_at, ?1), prepare_until = ?2, prepared_through = ?3,
                          prepare_ahead = ?5
                        WHERE id = ?4""")
                .setParameter(1, now)
                .setParameter(2, until)
                .setParameter(3, through)
                .setParameter(4, campaignId)
                .setParameter(5, ahead)
                .executeUpdate();
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** Whether the campaign's deliveries were prepared (then other nodes may join its sending). */
    @Transactional
    public boolean prepared(long campaignId) {
        return !em.createNativeQuery("SELECT id FROM campaign WHERE id = ?1 AND prepared_at IS NOT NULL")
                .setParameter(1, campaignId)
                .getResultList().isEmpty();
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

    /**
     * Whether the campaign has a delivery that nobody holds and that is to be sent now, or slices still to prepare:
     * another node may join.
     */
    @Transactional
    public boolean available(long campaignId, Instant now, UnknownPolicy unknownPolicy) {
        return slicesLeft(campaignId) || !em.createNativeQuery("""
                        SELECT d.id FROM delivery d
                        WHERE d.campaign_id = ?1 AND d.claim_owner IS NULL AND """
                        + DeliveryReservations.ready(unknownPolicy, "?2") + """

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

    /**
     * How many deliveries are still to be tried: PENDING, SENDING, DEFERRED, and UNKNOWN under RESEND; while the
     * campaign is not prepared in full, 1 more (its recipients not yet prepared).
     */
    @Transactional
    public long unfinished(long campaignId, UnknownPolicy unknownPolicy) {
        var open = EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.DEFERRED);
        if (unknownPolicy == UnknownPolicy.RESEND) {
            open.add(DeliveryStatus.UNKNOWN);
        }
        return count(campaignId, open) + (slicesLeft(campaignId) ? 1 : 0);
    }

    /** Whether slices of the campaign's deliveries are still to be prepared (DeliveryPreparation). */
    private boolean slicesLeft(long campaignId) {
        return !em.createNativeQuery("SELECT id FROM campaign WHERE id = ?1 AND prepare_until IS NOT NULL"
                        + " AND (prepared_through IS NULL OR prepared_through < prepare_until)")
                .setParameter(1, campaignId)
                .getResultList().isEmpty();
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

    /**
     * The last recipient id of the next slice of a list: ?1 the list, ?2 the last id prepared, ?3 the highest id the
     * campaign prepares. The index recipient_list_id_asc (list_id, id) gives the ids in slice order without sorting
     * the list; H2 is told to use it, as it chose the unique (list_id, email_key) index instead, read the whole list
     * and sorted it: 2 to 6 s a slice at 1,000,000 recipients instead of 15 ms (docs/performance.md, "The slice
     * boundary").
     */
    static String sliceEnd(SqlDialect dialect, int size) {
        return "SELECT MAX(id) FROM (SELECT r.id FROM recipient r" + dialect.useIndex("recipient_list_id_asc")
                + " WHERE r.list_id = ?1 AND r.id > ?2 AND r.id <= ?3 ORDER BY r.list_id, r.id FETCH FIRST " + size
                + " ROWS ONLY) s";
    }

    /** The database's dialect, read once from a connection's metadata. */
    private SqlDialect dialect() {
        SqlDialect d = dialect;
        if (d == null) {
            try (Connection connection = dataSource.getConnection()) {
                d = SqlDialect.of(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database's product name: " + e.getMessage(), e);
            }
            dialect = d;
        }
        return d;
    }
}

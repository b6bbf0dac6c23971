package io.herald.recipient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recipients of each list by status (table recipient_count), moved in the transaction that adds, deletes or
 * changes recipients, so that a list's counts and its pages' totals are read, not counted. Rows of one transaction
 * are updated in (list, status) order, so two transactions never wait for each other's counter rows in a circle.
 */
@ApplicationScoped
public class RecipientCounts {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** A change to apply: list id → status → delta, in (list, status) order. */
    public static final class Change {
        private final Map<Long, Map<RecipientStatus, Long>> deltas = new TreeMap<>();

        public Change add(long listId, RecipientStatus status, long delta) {
            deltas.computeIfAbsent(listId, id -> new TreeMap<>()).merge(status, delta, Long::sum);
            return this;
        }

        public Change move(long listId, RecipientStatus from, RecipientStatus to, long n) {
            return from == to ? this : add(listId, from, -n).add(listId, to, n);
        }
    }

    /** The zero rows of a new list. */
    @Transactional(TxType.MANDATORY)
    public void created(long listId) {
        for (RecipientStatus s : RecipientStatus.values()) {
            em.createNativeQuery("INSERT INTO recipient_count (list_id, status, n) VALUES (?1, ?2, 0)")
                    .setParameter(1, listId)
                    .setParameter(2, s.name())
                    .executeUpdate();
        }
    }

    /** The list is being deleted: its rows go first. */
    @Transactional(TxType.MANDATORY)
    public void deleted(long listId) {
        em.createNativeQuery("DELETE FROM recipient_count WHERE list_id = ?1").setParameter(1, listId).executeUpdate();
    }

    /** Adds n recipients of the status to the list (negative: removes them). */
    @Transactional(TxType.MANDATORY)
    public void add(long listId, RecipientStatus status, long n) {
        apply(new Change().add(listId, status, n));
    }

    /** n recipients of the list went from one status to another. */
    @Transactional(TxType.MANDATORY)
    public void move(long listId, RecipientStatus from, RecipientStatus to, long n) {
        apply(new Change().move(listId, from, to, n));
    }

    @Transactional(TxType.MANDATORY)
    public void apply(Change change) {
        change.deltas.forEach((listId, byStatus) -> byStatus.forEach((status, delta) -> {
            if (delta != 0) {
                em.createNativeQuery("UPDATE recipient_count SET n = n + ?1 WHERE list_id = ?2 AND status = ?3")
                        .setParameter(1, delta)
                        .setParameter(2, listId)
                        .setParameter(3, status.name())
                        .executeUpdate();
            }
        }));
    }

    /** The counts of each list by status, every status present (0 for a list without rows). */
    public Map<Long, Map<String, Long>> of(List<Long> listIds) {
        Map<Long, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Long id : listIds) {
            Map<String, Long> zero = new LinkedHashMap<>();
            for (RecipientStatus s : RecipientStatus.values()) {
                zero.put(s.name(), 0L);
            }
            counts.put(id, zero);
        }
        if (!listIds.isEmpty()) {
            List<?> rows = em.createNativeQuery("SELECT list_id, status, n FROM recipient_count WHERE list_id IN (?1)")
                    .setParameter(1, listIds)
                    .getResultList();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                counts.get(((Number) r[0]).longValue()).put((String) r[1], ((Number) r[2]).longValue());
            }
        }
        return counts;
    }

    /** The list's recipients of one status (all statuses: null). */
    public long total(long listId, RecipientStatus status) {
        Map<String, Long> counts = of(List.of(listId)).get(listId);
        return status == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(status.name());
    }
}

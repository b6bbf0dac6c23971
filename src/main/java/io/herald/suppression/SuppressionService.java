package io.herald.suppression;

import io.herald.delivery.UnsentSkips;
import io.herald.platform.ApiException;
import io.herald.platform.Fields;
import io.herald.recipient.Recipient;
import io.herald.recipient.RecipientList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suppression list: addresses that must never be mailed, in one list or in all. Adding an entry also skips
 * the address's deliveries not yet sent, in campaigns that are running too ("suppressed: REASON"); the prepare
 * step and the CSV import leave suppressed addresses out.
 */
@ApplicationScoped
public class SuppressionService {

    static final int MAX_PAGE_SIZE = 1000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    UnsentSkips unsentSkips;

    @Inject
    Clock clock;

    /** The outcome of an add: the entry and whether it is new (an address suppressed twice keeps its first entry). */
    public record Added(Suppression entry, boolean created, int skipped) {
    }

    /** POST /suppressions: checks the request (400 naming the field, 404 for a list that does not exist). */
    @Transactional
    public Added add(SuppressionRequest r) {
        if (r == null) {
            throw ApiException.badRequest("address", "a JSON object with an address is required");
        }
        String address = Fields.required("address", r.address(), 320).trim();
        String problem = Fields.addressProblem(address);
        if (problem != null) {
            throw ApiException.badRequest("address", "address '" + address + "' is not a valid e-mail address: " + problem);
        }
        long listId = Suppression.EVERY_LIST;
        if (r.listId() != null) {
            if (em.find(RecipientList.class, r.listId()) == null) {
                throw ApiException.notFound("list", r.listId());
            }
            listId = r.listId();
        }
        SuppressionReason reason = SuppressionReason.MANUAL;
        if (r.reason() != null) {
            try {
                reason = SuppressionReason.valueOf(r.reason().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                reason = null;
            }
            if (reason == null || reason == SuppressionReason.ERASED) {   // ERASED entries are made by DELETE /people
                throw ApiException.badRequest("reason", "reason must be one of UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT, MANUAL,"
                        + " not '" + r.reason() + "'");
            }
        }
        return suppress(address, listId, reason, Fields.optional("note", r.note(), 2000));
    }

    /** Suppresses an address (already valid) in one list or every list; idempotent. */
    @Transactional
    public Added suppress(String address, long listId, SuppressionReason reason, String note) {
        String key = Recipient.keyOf(address.trim());
        List<Suppression> existing = em.createQuery(
                        "SELECT s FROM Suppression s WHERE s.emailKey = :k AND s.listId = :l", Suppression.class)
                .setParameter("k", key)
                .setParameter("l", listId)
                .getResultList();
        if (!existing.isEmpty()) {
            return new Added(existing.get(0), false, 0);
        }
        Instant now = clock.instant();
        Suppression s = new Suppression(key, address.trim(), listId, reason, note, now);
        em.persist(s);
        int skipped = unsentSkips.skip("SELECT r.id FROM recipient r WHERE r.email_key = ? AND (? = 0 OR r.list_id = ?)",
                List.of(key, listId, listId), UnsentSkips.UNSENT, "suppressed: " + reason.name(), now);
        return new Added(s, true, skipped);
    }

    /** DELETE /suppressions/{id}: the address may be mailed again (404 when there is no such entry). */
    @Transactional
    public void remove(long id) {
        Suppression s = em.find(Suppression.class, id);
        if (s == null) {
            throw ApiException.notFound("suppression", id);
        }
        em.remove(s);
    }

    /** The entries for an address (every list and single lists), its erased entry (by its keyed hash) included. */
    @Transactional
    public List<Suppression> entries(String address) {
        String a = Fields.required("address", address, 320).trim();
        return em.createQuery("SELECT s FROM Suppression s WHERE s.emailKey IN :k ORDER BY s.id", Suppression.class)
                .setParameter("k", AddressHash.server().lookups(List.of(Recipient.keyOf(a))).keySet())
                .getResultList();
    }

    /** Whether the address was erased on request (DELETE /people/{address}): its hashed entry is there. */
    @Transactional
    public boolean erased(String address) {
        String hashed = AddressHash.server().of(Recipient.keyOf(address.trim()));
        return !em.createQuery("SELECT s.id FROM Suppression s WHERE s.emailKey = :k AND s.reason = :erased", Long.class)
                .setParameter("k", hashed).setParameter("erased", SuppressionReason.ERASED)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** One page of the list, oldest first, with the total. */
    @Transactional
    public Map<String, Object> page(int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        List<SuppressionView> items = em.createQuery("SELECT s FROM Suppression s ORDER BY s.id", Suppression.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList().stream().map(SuppressionView::of).toList();
        long total = em.createQuery("SELECT COUNT(s) FROM Suppression s", Long.class).getSingleResult();
        return Map.of("page", page, "size", size, "total", total, "items", items);
    }
}

package io.herald.bounce;

import io.herald.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads the bounce events for the API: pages, newest first, optionally of one outcome. */
@ApplicationScoped
public class BounceEvents {

    static final int MAX_PAGE_SIZE = 1000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** One page; 400 naming the parameter when page, size or outcome is invalid. */
    @Transactional
    public BounceEventPage page(String outcome, int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        BounceOutcome o = outcome(outcome);
        String where = o == null ? "" : " WHERE e.outcome = :o";
        var items = em.createQuery("SELECT e FROM BounceEvent e" + where + " ORDER BY e.id DESC", BounceEvent.class);
        var total = em.createQuery("SELECT COUNT(e) FROM BounceEvent e" + where, Long.class);
        if (o != null) {
            items.setParameter("o", o);
            total.setParameter("o", o);
        }
        List<BounceEventView> views = items.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(BounceEventView::of).toList();
        return new BounceEventPage(page, size, total.getSingleResult(), views);
    }

    private static BounceOutcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return BounceOutcome.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("outcome", "outcome '" + value + "' is not one of "
                    + Arrays.toString(BounceOutcome.values()));
        }
    }
}

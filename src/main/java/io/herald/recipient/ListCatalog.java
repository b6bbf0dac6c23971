package io.herald.recipient;

import io.herald.platform.ApiException;
import io.herald.platform.Page;
import io.herald.platform.PageRequest;
import io.herald.platform.Search;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GET /lists and GET /lists/{id}/recipients: pages newest first. A page of recipients reads the index
 * recipient_list_id (list_id, id DESC), or recipient_list_status_id with ?status=, from the top and stops after the
 * page; the total counts the same rows from the same index. With ?q= (the address starts with q, any case) it reads
 * the range of the unique index recipient_list_email (list_id, email_key) instead, in address order.
 */
@ApplicationScoped
public class ListCatalog {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    RecipientService recipients;

    @Transactional
    public Page<ListSummary> lists(String q, boolean withCounts, PageRequest page) {
        String pattern = Search.contains(q);
        String filter = pattern == null ? "" : " WHERE LOWER(l.name) LIKE :q " + Search.ESCAPE;
        var items = em.createQuery("SELECT l FROM RecipientList l" + filter + " ORDER BY l.id DESC", RecipientList.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size());
        var total = em.createQuery("SELECT COUNT(l) FROM RecipientList l" + filter, Long.class);
        if (pattern != null) {
            items.setParameter("q", pattern);
            total.setParameter("q", pattern);
        }
        List<RecipientList> lists = items.getResultList();
        // counting reads every recipient of each list (about 1 s for a million on H2): a picker asks for none
        Map<Long, Map<String, Long>> counts = withCounts
                ? recipients.countsByList(lists.stream().map(RecipientList::getId).toList()) : Map.of();
        return page.of(lists.stream().map(l -> ListSummary.of(l, counts.get(l.getId()))).toList(), total.getSingleResult());
    }

    @Transactional
    public Page<RecipientView> recipients(long listId, String status, String q, PageRequest page) {
        recipients.findList(listId);
        RecipientStatus s = status(status);
        String pattern = Search.startsWith(q);
        List<String> where = new ArrayList<>(List.of("r.list.id = :list"));
        if (s != null) {
            where.add("r.status = :status");
        }
        if (pattern != null) {
            // q lower-cased as Recipient.keyOf makes email_key: the prefix is one range of the index
            where.add("r.emailKey LIKE :q " + Search.ESCAPE);
        }
        String filter = " WHERE " + String.join(" AND ", where);
        // the order of the index's columns, so the database reads the page from it instead of sorting the list
        String order = pattern != null ? " ORDER BY r.list.id, r.emailKey"
                : s == null ? " ORDER BY r.list.id, r.id DESC" : " ORDER BY r.list.id, r.status, r.id DESC";
        var items = em.createQuery("SELECT r FROM Recipient r" + filter + order, Recipient.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size());
        var total = em.createQuery("SELECT COUNT(r) FROM Recipient r" + filter, Long.class);
        bind(items, listId, s, pattern);
        bind(total, listId, s, pattern);
        return page.of(items.getResultList().stream().map(RecipientView::of).toList(), total.getSingleResult());
    }

    private static void bind(Query query, long listId, RecipientStatus status, String pattern) {
        query.setParameter("list", listId);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (pattern != null) {
            query.setParameter("q", pattern);
        }
    }

    static RecipientStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RecipientStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "status '" + text + "' is not one of "
                    + Arrays.toString(RecipientStatus.values()));
        }
    }
}

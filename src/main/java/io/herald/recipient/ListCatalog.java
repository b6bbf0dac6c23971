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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GET /lists and GET /lists/{id}/recipients: pages newest first. A page of recipients reads the index
 * recipient_list_id (list_id, id DESC), or recipient_list_status_id with ?status=, from the nearer end and stops after
 * the page; the total is the list's recipient_count rows. With ?q= (the address starts with q, any case) it reads the
 * range of the unique index recipient_list_email (list_id, email_key) instead, in address order, and counts that
 * range for the total.
 */
@ApplicationScoped
public class ListCatalog {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    RecipientService recipients;

    @Inject
    RecipientCounts counts;

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
        // the counts are read from recipient_count; a picker asks for none
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
        long total;
        if (pattern == null) {
            total = counts.total(listId, s);              // recipient_count: read, not counted
        } else {
            var count = em.createQuery("SELECT COUNT(r) FROM Recipient r" + filter, Long.class);
            bind(count, listId, s, pattern);
            total = count.getSingleResult();
        }
        // the order of the index's columns, so the database reads the page from it instead of sorting the list; a page
        // in the second half of a list without ?q= is read from the other end of the index (the last page of a million
        // skips 50 entries, not 999,950), and turned round
        boolean fromEnd = pattern == null && page.offset() > total / 2;
        String direction = fromEnd ? " ASC" : " DESC";
        String order = pattern != null ? " ORDER BY r.list.id, r.emailKey"
                : s == null ? " ORDER BY r.list.id, r.id" + direction : " ORDER BY r.list.id, r.status, r.id" + direction;
        int offset = page.offset();
        int size = page.size();
        if (fromEnd) {
            long end = Math.min(total, (long) offset + size);
            size = (int) Math.max(0, end - offset);
            offset = (int) Math.max(0, total - end);
        }
        List<Recipient> rows = size == 0 ? List.of() : items(filter + order, listId, s, pattern, offset, size);
        if (fromEnd) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }
        return page.of(rows.stream().map(RecipientView::of).toList(), total);
    }

    private List<Recipient> items(String filterAndOrder, long listId, RecipientStatus status, String pattern,
                                  int offset, int size) {
        var items = em.createQuery("SELECT r FROM Recipient r" + filterAndOrder, Recipient.class)
                .setFirstResult(offset)
                .setMaxResults(size);
        bind(items, listId, status, pattern);
        return items.getResultList();
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

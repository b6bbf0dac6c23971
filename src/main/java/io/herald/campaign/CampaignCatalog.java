package io.herald.campaign;

import io.herald.delivery.DeliveryCounters;
import io.herald.delivery.DeliveryStore;
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
 * GET /campaigns: a page of campaigns, newest first, filtered by status and a substring of the name. Two queries for
 * the campaigns (the page, its total) and one for the delivery counts of the whole page.
 */
@ApplicationScoped
public class CampaignCatalog {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryStore deliveries;

    @Transactional
    public Page<CampaignSummary> page(String status, String q, PageRequest page) {
        CampaignStatus s = status(status);
        String pattern = Search.contains(q);
        List<String> where = new ArrayList<>();
        if (s != null) {
            where.add("c.status = :status");
        }
        if (pattern != null) {
            where.add("LOWER(c.name) LIKE :q " + Search.ESCAPE);
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        var items = em.createQuery("SELECT c FROM Campaign c" + filter + " ORDER BY c.id DESC", Campaign.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size());
        var total = em.createQuery("SELECT COUNT(c) FROM Campaign c" + filter, Long.class);
        bind(items, s, pattern);
        bind(total, s, pattern);
        List<Campaign> campaigns = items.getResultList();
        Map<Long, DeliveryCounters.Counts> counts = deliveries.countsByCampaign(campaigns.stream().map(Campaign::getId).toList());
        return page.of(campaigns.stream().map(c -> CampaignSummary.of(c, counts.get(c.getId()))).toList(),
                total.getSingleResult());
    }

    private static void bind(Query query, CampaignStatus status, String pattern) {
        if (status != null) {
            query.setParameter("status", status);
        }
        if (pattern != null) {
            query.setParameter("q", pattern);
        }
    }

    private static CampaignStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return CampaignStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "status '" + text + "' is not one of "
                    + Arrays.toString(CampaignStatus.values()));
        }
    }
}

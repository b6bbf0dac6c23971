package io.herald.recipient.imports;

import io.herald.platform.Page;
import io.herald.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** GET /imports: a page of the imports of every list, newest first (the primary key's order, so no sort). */
@ApplicationScoped
public class ImportCatalog {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional
    public Page<ImportView> page(PageRequest page) {
        var items = em.createQuery("SELECT i FROM RecipientImport i ORDER BY i.id DESC", RecipientImport.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        long total = em.createQuery("SELECT COUNT(i) FROM RecipientImport i", Long.class).getSingleResult();
        return page.of(items.stream().map(ImportView::of).toList(), total);
    }
}

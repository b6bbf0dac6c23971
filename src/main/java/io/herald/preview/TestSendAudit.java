package io.herald.preview;

import io.herald.delivery.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Writes a test message's audit entry as soon as it is sent, in its own transaction: SMTP is not transactional. */
@ApplicationScoped
public class TestSendAudit {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public void record(AuditEntry entry) {
        em.persist(entry);
    }
}

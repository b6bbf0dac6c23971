package io.herald.recipient.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The recipient_import row and its rejection report. Status changes are conditional updates committed on their own
 * (REQUIRES_NEW) that must touch exactly one row. A chunk's counts and rejections are ImportLedger's: written in the
 * chunk's transaction, so they are committed, or rolled back, with its recipients and its checkpoint.
 */
@ApplicationScoped
public class ImportStore {

    /** recipient_import.status_reason is VARCHAR(2000). */
    private static final int MAX_STATUS_REASON_CHARS = 2000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public RecipientImport create(long listId, Path source, boolean uploaded, String fileName, long fileBytes, Instant now) {
        RecipientImport i = new RecipientImport(listId, source, uploaded, fileName, fileBytes, now);
        em.persist(i);
        return i;
    }

    /** The import, or null. */
    public RecipientImport find(long id) {
        return em.find(RecipientImport.class, id);
    }

    /** Notes the execution POST /lists/{id}/imports started, so the import can be stopped before its job runs. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordExecution(long id, long executionId) {
        em.createQuery("""
                        UPDATE RecipientImport i SET i.jobExecutionId = :exec
                        WHERE i.id = :id AND i.status = :pending AND i.jobExecutionId IS NULL""")
                .setParameter("exec", executionId)
                .setParameter("id", id)
                .setParameter("pending", ImportStatus.PENDING)
                .executeUpdate();
    }

    /**
     * Binds a starting job execution to its import and makes it RUNNING: from PENDING, or from STOPPED or FAILED (a
     * restart). False when the import is RUNNING under another execution or COMPLETED: one execution at a time.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean attachExecution(long id, long executionId, Instant now) {
        return em.createQuery("""
                        UPDATE RecipientImport i SET i.status = :running, i.jobExecutionId = :exec, i.statusReason = NULL,
                               i.startedAt = COALESCE(i.startedAt, :now), i.finishedAt = NULL
                        WHERE i.id = :id AND (i.status = :pending OR i.status IN :restartable
                              OR (i.status = :running AND i.jobExecutionId = :exec))""")
                .setParameter("running", ImportStatus.RUNNING)
                .setParameter("exec", executionId)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("pending", ImportStatus.PENDING)
                .setParameter("restartable", ImportStatus.RESTARTABLE)
                .executeUpdate() == 1;
    }

    /** Ends the run of this execution: RUNNING → STOPPED, COMPLETED or FAILED; false if the import is not its to end. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean endExecution(long id, long executionId, ImportStatus to, String reason, Instant now) {
        return em.createQuery("""
                        UPDATE RecipientImport i SET i.status = :to, i.statusReason = :reason, i.finishedAt = :finished
                        WHERE i.id = :id AND i.status IN :active AND i.jobExecutionId = :exec""")
                .setParameter("to", to)
                .setParameter("reason", reason == null ? null : ImportRejection.storable(reason, MAX_STATUS_REASON_CHARS))
                .setParameter("finished", to == ImportStatus.STOPPED ? null : now)
                .setParameter("id", id)
                .setParameter("active", ImportStatus.ACTIVE)
                .setParameter("exec", executionId)
                .executeUpdate() == 1;
    }

    /**
     * At deployment no import of this JVM can be running yet: RUNNING or PENDING imports were cut off by a crash.
     * They become FAILED with the reason, and POST /imports/{id}/restart continues each from its last checkpoint.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int failInterrupted(Instant now) {
        return em.createQuery("""
                        UPDATE RecipientImport i SET i.status = :failed, i.finishedAt = :now,
                               i.statusReason = 'interrupted: the server stopped while the import ran; restart it to continue from its last checkpoint'
                        WHERE i.status IN :active""")
                .setParameter("failed", ImportStatus.FAILED)
                .setParameter("now", now)
                .setParameter("active", java.util.EnumSet.of(ImportStatus.RUNNING, ImportStatus.PENDING))
                .executeUpdate();
    }

    /** PENDING → FAILED when its job could not even start. */
    @Transactional(TxType.REQUIRES_NEW)
    public void failToStart(long id, String reason, Instant now) {
        em.createQuery("""
                        UPDATE RecipientImport i SET i.status = :failed, i.statusReason = :reason, i.finishedAt = :now
                        WHERE i.id = :id AND i.status = :pending""")
                .setParameter("failed", ImportStatus.FAILED)
                .setParameter("reason", ImportRejection.storable(reason, MAX_STATUS_REASON_CHARS))
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("pending", ImportStatus.PENDING)
                .executeUpdate();
    }

    public long rejectionCount(long id) {
        return em.createQuery("SELECT COUNT(r) FROM ImportRejection r WHERE r.importId = :id", Long.class)
                .setParameter("id", id)
                .getSingleResult();
    }

    /** One page of the rejection report, in line order. */
    public List<ImportRejection> rejections(long id, int page, int size) {
        return em.createQuery("SELECT r FROM ImportRejection r WHERE r.importId = :id ORDER BY r.lineNumber", ImportRejection.class)
                .setParameter("id", id)
                .setFirstResult(Math.multiplyExact(page, size))
                .setMaxResults(size)
                .getResultList();
    }
}

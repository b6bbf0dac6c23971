package io.herald.recipient;

import io.herald.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * PUT and DELETE of a recipient, DELETE of a list. Nothing is deleted that a campaign's history needs: a recipient
 * with deliveries and a list any campaign uses are refused (409, naming the campaigns), and a refusal changes nothing.
 */
@ApplicationScoped
public class RecipientEdits {

    private static final Logger LOG = Logger.getLogger(RecipientEdits.class);
    /** The statuses PUT may set; BOUNCED is the bounce processing's to set. */
    static final Set<RecipientStatus> SETTABLE = EnumSet.of(RecipientStatus.ACTIVE, RecipientStatus.UNSUBSCRIBED);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    RecipientService recipients;

    @Inject
    RecipientCounts counts;

    /**
     * Replaces the recipient's address, name and attributes (and status when given), by POST's rules: 400 naming the
     * field, 409 when the address is another recipient's in the list or is suppressed, or when the address changes
     * while a campaign of the list is sending (its deliveries are read with the recipient's address).
     */
    @Transactional
    public RecipientView update(long listId, long recipientId, RecipientUpdate body) {
        Recipient r = find(listId, recipientId);
        if (body == null) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        RecipientService.Problem problem = RecipientService.problemOf(body.entry());
        if (problem != null) {
            throw ApiException.badRequest(problem.field(), problem.reason());
        }
        RecipientStatus status = status(body.status(), r.getStatus());
        String email = body.email().trim();
        String key = Recipient.keyOf(email);
        if (!key.equals(r.getEmailKey())) {
            refuseWhileSending(listId, "recipient " + recipientId + "'s address cannot change");
            refuseTaken(listId, recipientId, key);
            String suppressed = recipients.suppressedKeys(listId, List.of(key)).get(key);
            if (suppressed != null) {
                throw ApiException.conflict("email", "email " + email + " is suppressed (" + suppressed + ")");
            }
        }
        RecipientStatus was = r.getStatus();
        r.revise(email, RecipientService.blankToNull(body.name()), RecipientService.attributes(body.attributes()), status);
        counts.move(listId, was, status, 1);
        try {
            em.flush();
        } catch (PersistenceException e) {        // the same address added by another request meanwhile
            throw ApiException.conflict("email", "email " + email + " is already in the list");
        }
        return RecipientView.of(r);
    }

    /**
     * Deletes a recipient that no campaign has a delivery for. One with deliveries is their history (409): it can be
     * set UNSUBSCRIBED, or erased as a person (DELETE /people/{address}), which keeps the deliveries without the address.
     */
    @Transactional
    public void delete(long listId, long recipientId) {
        Recipient r = find(listId, recipientId);
        refuseWhileSending(listId, "recipient " + recipientId + " cannot be deleted");
        List<?> campaigns = em.createNativeQuery(
                        "SELECT DISTINCT campaign_id FROM delivery WHERE recipient_id = ?1 ORDER BY campaign_id")
                .setParameter(1, recipientId)
                .getResultList();
        if (!campaigns.isEmpty()) {
            throw ApiException.conflict("id", "recipient " + recipientId + " has deliveries in campaigns " + campaigns
                    + ", which are their history; set it UNSUBSCRIBED, or erase the person (DELETE /people/{address})");
        }
        em.remove(r);
        counts.add(listId, r.getStatus(), -1);
        LOG.infof("recipient %d deleted from list %d", recipientId, listId);
    }

    /**
     * Deletes a list that no campaign uses, with its recipients and its imports (their rejection reports too); returns
     * the uploaded files of those imports, for the caller to remove once this commits. Suppressions of the list stay:
     * they record who asked not to be mailed.
     */
    @Transactional
    public List<Path> deleteList(long listId) {
        RecipientList list = recipients.findList(listId);
        List<?> users = em.createNativeQuery("SELECT id, status FROM campaign WHERE list_id = ?1 ORDER BY id")
                .setParameter(1, listId)
                .getResultList();
        if (!users.isEmpty()) {
            throw ApiException.conflict("id", "list " + listId + " is used by campaigns " + describe(users)
                    + "; a campaign that ran keeps its list as history; delete or change the DRAFT ones first");
        }
        List<?> importing = em.createNativeQuery("""
                        SELECT id FROM recipient_import WHERE list_id = ?1 AND status IN ('PENDING', 'RUNNING') ORDER BY id""")
                .setParameter(1, listId)
                .getResultList();
        if (!importing.isEmpty()) {
            throw ApiException.conflict("id", "list " + listId + " is being imported into by imports " + importing
                    + "; stop them first (POST /imports/{id}/stop)");
        }
        List<Path> uploads = em.createNativeQuery("SELECT source_path FROM recipient_import WHERE list_id = ?1 AND uploaded")
                .setParameter(1, listId)
                .getResultList().stream().map(p -> Path.of((String) p)).toList();
        int rejections = delete("""
                DELETE FROM recipient_import_rejection
                WHERE import_id IN (SELECT id FROM recipient_import WHERE list_id = ?1)""", listId);
        int imports = delete("DELETE FROM recipient_import WHERE list_id = ?1", listId);
        int deleted = delete("DELETE FROM recipient WHERE list_id = ?1", listId);
        counts.deleted(listId);
        em.remove(list);
        LOG.infof("list %d '%s' deleted with %d recipients, %d imports and %d rejected rows", listId, list.getName(),
                deleted, imports, rejections);
        return uploads;
    }

    private int delete(String sql, long listId) {
        return em.createNativeQuery(sql).setParameter(1, listId).executeUpdate();
    }

    /** "[3 (COMPLETED), 7 (DRAFT)]" from rows of (id, status). */
    private static String describe(List<?> rows) {
        return rows.stream().map(row -> (Object[]) row).map(row -> row[0] + " (" + row[1] + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** 409 while a campaign of the list is RUNNING or PAUSED: it reads the list's recipients as it sends. */
    private void refuseWhileSending(long listId, String what) {
        List<?> sending = em.createNativeQuery(
                        "SELECT id, status FROM campaign WHERE list_id = ?1 AND status IN ('RUNNING', 'PAUSED') ORDER BY id")
                .setParameter(1, listId)
                .getResultList();
        if (!sending.isEmpty()) {
            throw ApiException.conflict("id", what + " while campaigns " + describe(sending) + " of list " + listId
                    + " are sending; wait until they finish or cancel them");
        }
    }

    private void refuseTaken(long listId, long recipientId, String key) {
        List<String> other = em.createQuery(
                        "SELECT r.email FROM Recipient r WHERE r.list.id = :l AND r.emailKey = :key AND r.id <> :id", String.class)
                .setParameter("l", listId)
                .setParameter("key", key)
                .setParameter("id", recipientId)
                .getResultList();
        if (!other.isEmpty()) {
            throw ApiException.conflict("email", "already in the list as " + other.get(0));
        }
    }

    private Recipient find(long listId, long recipientId) {
        recipients.findList(listId);
        Recipient r = em.find(Recipient.class, recipientId);
        if (r == null || r.getList().getId() != listId) {
            throw ApiException.notFound("recipient", recipientId);
        }
        return r;
    }

    private static RecipientStatus status(String text, RecipientStatus current) {
        if (text == null) {
            return current;
        }
        for (RecipientStatus s : SETTABLE) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw ApiException.badRequest("status", "status must be ACTIVE or UNSUBSCRIBED, not '" + text + "'");
    }
}

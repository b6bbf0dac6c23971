package io.herald.preview;

import io.herald.delivery.CampaignMessages;
import io.herald.platform.ApiException;
import io.herald.recipient.Recipient;
import io.herald.recipient.RecipientStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;

/**
 * Whose placeholders a preview or a test message is rendered with: the recipient of the campaign's list named by
 * ?recipient= (its id, or its address as stored or as Herald matches addresses: the domain in any case), or the
 * list's first ACTIVE recipient (lowest id).
 */
@ApplicationScoped
public class PreviewRecipients {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** One recipient and its placeholders; for a test sent to a list without recipients, id 0 and only {{email}}. */
    public record Chosen(long id, String email, String name, Map<String, String> scope) {

        static Chosen of(Recipient r) {
            return new Chosen(r.getId(), r.getEmail(), r.getName(),
                    CampaignMessages.scope(r.getAttributes(), r.getEmail(), r.getName()));
        }
    }

    /** The named recipient (404 naming "recipient" when the list has none such), else the first ACTIVE one or null. */
    public Chosen find(long listId, String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return em.createQuery("SELECT r FROM Recipient r WHERE r.list.id = :l AND r.status = :s ORDER BY r.id",
                            Recipient.class)
                    .setParameter("l", listId).setParameter("s", RecipientStatus.ACTIVE)
                    .setMaxResults(1).getResultStream().findFirst().map(Chosen::of).orElse(null);
        }
        String given = recipient.trim();
        var query = given.matches("\\d{1,18}")
                ? em.createQuery("SELECT r FROM Recipient r WHERE r.list.id = :l AND r.id = :id", Recipient.class)
                        .setParameter("id", Long.parseLong(given))
                : em.createQuery("SELECT r FROM Recipient r WHERE r.list.id = :l AND (r.email = :a OR r.emailKey = :k)",
                                Recipient.class)
                        .setParameter("a", given).setParameter("k", given.indexOf('@') < 0 ? given : Recipient.keyOf(given));
        return query.setParameter("l", listId).setMaxResults(1).getResultStream().findFirst().map(Chosen::of)
                .orElseThrow(() -> new ApiException(404, "recipient", "list " + listId + " has no recipient '" + given
                        + "' (give its id or its address)"));
    }
}

package io.herald.preflight;

import io.herald.campaign.CampaignStatus;
import io.herald.delivery.CampaignMessages;
import io.herald.delivery.SendingContext;
import io.herald.delivery.SendingContextLoader;
import io.herald.mail.MessageComposer;
import io.herald.platform.ApiException;
import io.herald.recipient.Recipient;
import io.herald.recipient.RecipientStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * Renders a campaign's message for a real recipient of its list with the send step's CampaignMessages (the
 * campaign's SendingContext, the template with the recipient's attributes, the list headers, DKIM when configured).
 * The sample gets a Message-ID of its own; nothing is stored or sent.
 */
@ApplicationScoped
public class SampleMessages {

    /** Without ?recipient=, the first ACTIVE recipients (by id) tried in turn until one can be rendered. */
    static final int CANDIDATES = 10;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SendingContextLoader contexts;

    @Inject
    CampaignMessages messages;

    /**
     * The sample for the given address of the campaign's list (404 naming "recipient" when the list has none), or
     * for its first ACTIVE recipient that can be rendered; null when the list has no ACTIVE recipient. A message that
     * cannot be rendered (the send step would skip the recipient) is a 409 saying why.
     */
    public Sample render(long campaignId, long listId, String address) {
        List<Recipient> candidates = address == null ? firstActive(listId) : List.of(named(listId, address));
        if (candidates.isEmpty()) {
            return null;
        }
        SendingContext context = contexts.load(campaignId);
        String problem = null;
        for (Recipient r : candidates) {
            try {
                return new Sample(r.getEmail(), compose(context, r));
            } catch (MessagingException | RuntimeException e) {
                problem = "the message for " + r.getEmail() + " cannot be rendered (the send step would skip it): "
                        + e.getMessage();
            }
        }
        throw ApiException.conflict("recipient", problem);
    }

    private MimeMessage compose(SendingContext context, Recipient r) throws MessagingException {
        CampaignMessages.Addressee addressee = CampaignMessages.addressee(r.getEmail(), r.getName());
        if (addressee.skipReason() != null) {
            throw new IllegalArgumentException(addressee.skipReason());
        }
        String messageId = MessageComposer.messageId("preflight." + context.campaignId() + "." + UUID.randomUUID(),
                context.from());
        return messages.build(context, addressee.mailbox(),
                CampaignMessages.scope(r.getAttributes(), r.getEmail(), r.getName()), messageId, r.getId());
    }

    /** What the pre-flight needs of a campaign: its list, status and cron (null for a one-off campaign). */
    public record Target(long listId, CampaignStatus status, String cron) {
    }

    /** The campaign's list, status and cron; 404 when there is no such campaign. */
    public Target target(long campaignId) {
        Object[] row = em.createQuery("SELECT c.list.id, c.status, c.cron FROM Campaign c WHERE c.id = :id",
                        Object[].class)
                .setParameter("id", campaignId).getResultStream().findFirst()
                .orElseThrow(() -> ApiException.notFound("campaign", campaignId));
        return new Target((Long) row[0], (CampaignStatus) row[1], (String) row[2]);
    }

    /** Reads outside a transaction: the recipients are only read, and the spamd check must not hold one open. */
    List<Recipient> firstActive(long listId) {
        return em.createQuery("SELECT r FROM Recipient r WHERE r.list.id = :l AND r.status = :s ORDER BY r.id",
                        Recipient.class)
                .setParameter("l", listId).setParameter("s", RecipientStatus.ACTIVE)
                .setMaxResults(CANDIDATES).getResultList();
    }

    Recipient named(long listId, String address) {
        String key = address.trim();
        if (key.isEmpty() || key.indexOf('@') < 0) {
            throw ApiException.badRequest("recipient", "recipient must be an e-mail address of the campaign's list, not '"
                    + address + "'");
        }
        return em.createQuery("SELECT r FROM Recipient r WHERE r.list.id = :l AND r.emailKey = :k", Recipient.class)
                .setParameter("l", listId).setParameter("k", Recipient.keyOf(key))
                .getResultStream().findFirst()
                .orElseThrow(() -> new ApiException(404, "recipient", "list " + listId + " has no recipient '"
                        + key + "'"));
    }
}

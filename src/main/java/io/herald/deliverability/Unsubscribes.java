package io.herald.deliverability;

import io.herald.delivery.UnsentSkips;
import io.herald.recipient.Recipient;
import io.herald.recipient.RecipientStatus;
import io.herald.suppression.Suppression;
import io.herald.suppression.SuppressionReason;
import io.herald.suppression.SuppressionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One-click unsubscribe (RFC 8058): a verified token unsubscribes its recipient from the list, the address is
 * suppressed in that list or, when the list's unsubscribeScope is ALL, in every list (so a later import or API add
 * does not bring it back), and the recipient's deliveries not
 * yet sent (in a running campaign too) become SKIPPED "unsubscribed", in one transaction.
 */
@ApplicationScoped
public class Unsubscribes {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    UnsentSkips unsentSkips;

    @Inject
    DeliverabilityService deliverability;

    @Inject
    Clock clock;

    @Inject
    SuppressionService suppressions;

    /** What a token names, if it is genuine and its recipient still exists; empty for anything else. */
    @Transactional
    public Optional<CampaignRecipient> verify(String token) {
        return deliverability.get().unsubscribeTokens().verify(token)
                .filter(cr -> em.createQuery("SELECT COUNT(r) FROM Recipient r WHERE r.id = :id", Long.class)
                        .setParameter("id", cr.recipientId()).getSingleResult() == 1);
    }

    /** Unsubscribes the recipient; returns how many of their unsent deliveries were skipped. Idempotent. */
    @Transactional
    public int unsubscribe(CampaignRecipient cr) {
        em.createQuery("UPDATE Recipient r SET r.status = :unsubscribed WHERE r.id = :id AND r.status = :active")
                .setParameter("unsubscribed", RecipientStatus.UNSUBSCRIBED)
                .setParameter("id", cr.recipientId())
                .setParameter("active", RecipientStatus.ACTIVE)
                .executeUpdate();
        int skipped = unsentSkips.skip("SELECT r.id FROM recipient r WHERE r.id = ?", List.of(cr.recipientId()),
                UnsentSkips.UNSENT, "unsubscribed", clock.instant());
        Recipient r = em.find(Recipient.class, cr.recipientId());
        long scope = "ALL".equals(r.getList().getUnsubscribeScope()) ? Suppression.EVERY_LIST : r.getList().getId();
        suppressions.suppress(r.getEmail(), scope, SuppressionReason.UNSUBSCRIBED,
                "one-click unsubscribe from campaign " + cr.campaignId());
        return skipped;
    }
}

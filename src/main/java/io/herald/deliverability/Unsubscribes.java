package io.herald.deliverability;

import io.herald.campaign.Campaign;
import io.herald.delivery.UnsentSkips;
import io.herald.recipient.Recipient;
import io.herald.recipient.RecipientCounts;
import io.herald.recipient.RecipientList;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Unsubscribing through a message's link, each in one transaction. One-click (RFC 8058): the recipient becomes
 * UNSUBSCRIBED in the list, the address is suppressed in that list or, when the list's unsubscribeScope is ALL, in
 * every list (so a later import or API add does not bring it back), and the recipient's deliveries not yet sent (in
 * a running campaign too) become SKIPPED "unsubscribed". The page's choice does the same for this list only, or for
 * everything from the sender (every list holding the address, suppressed in every list), and says what it changed,
 * so that undo restores exactly that.
 */
@ApplicationScoped
public class Unsubscribes {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    RecipientCounts counts;

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

    /** What the page shows for a verified link; empty if its recipient is gone meanwhile. */
    @Transactional
    public Optional<UnsubscribeView> view(CampaignRecipient cr) {
        Recipient r = em.find(Recipient.class, cr.recipientId());
        if (r == null) {
            return Optional.empty();
        }
        Campaign c = em.find(Campaign.class, cr.campaignId());
        String sender = c == null ? null
                : c.getFromName() != null && !c.getFromName().isBlank() ? c.getFromName() : c.getFromAddress();
        RecipientList list = r.getList();
        return Optional.of(new UnsubscribeView(sender, list.getName(), UnsubscribeView.mask(r.getEmail()),
                !"ALL".equals(list.getUnsubscribeScope()), r.getStatus() == RecipientStatus.UNSUBSCRIBED));
    }

    /** One-click: unsubscribes the recipient; returns how many unsent deliveries were skipped. Idempotent. */
    @Transactional
    public int unsubscribe(CampaignRecipient cr) {
        Recipient r = em.find(Recipient.class, cr.recipientId());
        boolean everyList = "ALL".equals(r.getList().getUnsubscribeScope());
        return apply(r, List.of(r.getId()), everyList ? Suppression.EVERY_LIST : r.getList().getId(),
                everyList ? UnsubscribeScope.ALL : UnsubscribeScope.LIST,
                "one-click unsubscribe from campaign " + cr.campaignId()).skipped();
    }

    /**
     * The page's choice: this list only (ALL when the list's unsubscribeScope says so), or everything from the
     * sender: the address becomes UNSUBSCRIBED in every list that has it ACTIVE and is suppressed in every list.
     */
    @Transactional
    public Unsubscribed unsubscribe(CampaignRecipient cr, UnsubscribeScope chosen) {
        Recipient r = em.find(Recipient.class, cr.recipientId());
        UnsubscribeScope scope = "ALL".equals(r.getList().getUnsubscribeScope()) ? UnsubscribeScope.ALL : chosen;
        if (scope == UnsubscribeScope.LIST) {
            return apply(r, List.of(r.getId()), r.getList().getId(), scope,
                    "unsubscribe page, this list, campaign " + cr.campaignId());
        }
        List<Long> sameAddress = new ArrayList<>(List.of(r.getId()));
        sameAddress.addAll(em.createQuery("SELECT o.id FROM Recipient o WHERE o.emailKey = :key AND o.id <> :id"
                        + " ORDER BY o.id", Long.class)
                .setParameter("key", Recipient.keyOf(r.getEmail()))
                .setParameter("id", r.getId())
                .getResultList());
        return apply(r, sameAddress, Suppression.EVERY_LIST, scope,
                "unsubscribe page, everything, campaign " + cr.campaignId());
    }

    /**
     * Undoes what one unsubscribe changed: its recipients still UNSUBSCRIBED become ACTIVE again (a recipient that
     * bounced meanwhile stays BOUNCED), the suppression entry it made is removed. Deliveries it skipped stay
     * SKIPPED. Returns how many recipients are ACTIVE again. Idempotent.
     */
    @Transactional
    public int undo(Unsubscribed change) {
        int restored = 0;
        RecipientCounts.Change counted = new RecipientCounts.Change();
        for (long id : change.recipientIds()) {
            restored += setStatus(id, RecipientStatus.UNSUBSCRIBED, RecipientStatus.ACTIVE, counted);
        }
        counts.apply(counted);
        if (change.suppressionId() > 0) {
            em.createQuery("DELETE FROM Suppression s WHERE s.id = :id AND s.reason = :unsubscribed")
                    .setParameter("id", change.suppressionId())
                    .setParameter("unsubscribed", SuppressionReason.UNSUBSCRIBED)
                    .executeUpdate();
        }
        return restored;
    }

    /**
     * The recipients (r first) that are ACTIVE become UNSUBSCRIBED, their unsent deliveries SKIPPED, and r's address
     * is suppressed in list suppressIn (Suppression.EVERY_LIST for all).
     */
    private Unsubscribed apply(Recipient r, List<Long> recipients, long suppressIn, UnsubscribeScope scope,
                               String note) {
        List<Long> changed = new ArrayList<>();
        RecipientCounts.Change counted = new RecipientCounts.Change();
        for (long id : recipients) {
            if (setStatus(id, RecipientStatus.ACTIVE, RecipientStatus.UNSUBSCRIBED, counted) == 1) {
                changed.add(id);
            }
        }
        counts.apply(counted);
        Set<Long> skip = new LinkedHashSet<>(changed);
        skip.add(r.getId());
        int skipped = unsentSkips.skip("SELECT r.id FROM recipient r WHERE r.id IN ("
                        + String.join(", ", skip.stream().map(id -> "?").toList()) + ")",
                List.copyOf(skip), UnsentSkips.UNSENT, "unsubscribed", clock.instant());
        SuppressionService.Added added = suppressions.suppress(r.getEmail(), suppressIn,
                SuppressionReason.UNSUBSCRIBED, note);
        return new Unsubscribed(scope, changed, added.created() ? added.entry().getId() : 0,
                skipped + added.skipped());
    }

    /** UPDATE ... WHERE id = ? AND status = from: 1 if this call changed it (and then noted in counted). */
    private int setStatus(long recipientId, RecipientStatus from, RecipientStatus to, RecipientCounts.Change counted) {
        int changed = em.createQuery("UPDATE Recipient r SET r.status = :to WHERE r.id = :id AND r.status = :from")
                .setParameter("to", to)
                .setParameter("id", recipientId)
                .setParameter("from", from)
                .executeUpdate();
        if (changed == 1) {
            counted.move(em.createQuery("SELECT r.list.id FROM Recipient r WHERE r.id = :id", Long.class)
                    .setParameter("id", recipientId).getSingleResult(), from, to, 1);
        }
        return changed;
    }
}

package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.platform.Fields;
import io.herald.template.Template;
import io.herald.template.TemplateAsset;
import io.herald.template.TemplateRenderer;
import io.herald.template.TemplateSyntaxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Loads a campaign's SendingContext from the database. */
@ApplicationScoped
public class SendingContextLoader {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional
    public SendingContext load(long campaignId) {
        Campaign c = em.find(Campaign.class, campaignId);
        if (c == null) {
            throw new IllegalArgumentException("campaign " + campaignId + " does not exist");
        }
        // once launched, the snapshot made at launch (TemplateSnapshots): an edit of the template changes nothing sent
        Template t = c.getSentTemplateId() == null ? c.getTemplate() : em.find(Template.class, c.getSentTemplateId());
        try {
            List<TemplateAsset> assets = t.getAssets();
            return new SendingContext(campaignId,
                    Fields.mailbox(c.getFromAddress(), c.getFromName()),
                    c.getReplyTo() == null ? null : Fields.mailbox(c.getReplyTo(), null),
                    TemplateRenderer.compile(t.getSubject(), t.getHtml(), t.getText()),
                    assets.stream().filter(a -> !a.isInline()).map(TemplateAsset::toMailAsset).toList(),
                    assets.stream().filter(TemplateAsset::isInline).map(TemplateAsset::toMailAsset).toList(),
                    c.getSettings().retrySchedule(), c.getSettings().unknownPolicy(), c.getSettings().maxSendErrors(),
                    c.getSettings().maxPerSecond(), c.getList().getId(), c.getList().getName(),
                    c.getSettings().account(), c.getSettings().fallbackAccount());
        } catch (TemplateSyntaxException e) {
            // templates are compiled when stored, so this means the row was edited behind Herald's back
            throw new IllegalStateException("template " + t.getId() + " of campaign " + campaignId
                    + " does not compile: " + e.field() + ": " + e.problem(), e);
        }
    }
}

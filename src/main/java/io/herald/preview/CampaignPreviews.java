package io.herald.preview;

import io.herald.campaign.CampaignService;
import io.herald.delivery.CampaignMessages;
import io.herald.delivery.SendingContext;
import io.herald.delivery.SendingContextLoader;
import io.herald.platform.ApiException;
import io.herald.template.RenderedContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * GET /campaigns/{id}/preview: the campaign's message for one recipient, rendered by the send step's own code
 * (SendingContextLoader and CampaignMessages), so a launched campaign shows its snapshot and a draft its template.
 */
@ApplicationScoped
public class CampaignPreviews {

    @Inject
    CampaignService campaigns;

    @Inject
    SendingContextLoader contexts;

    @Inject
    PreviewRecipients recipients;

    /** 404 for no such campaign, for a recipient not in its list, or when the list has no ACTIVE recipient. */
    public CampaignPreview preview(long campaignId, String recipient) {
        long listId = campaigns.find(campaignId).getList().getId();
        PreviewRecipients.Chosen chosen = recipients.find(listId, recipient);
        if (chosen == null) {
            throw new ApiException(404, "recipient", "list " + listId + " has no ACTIVE recipient to preview the"
                    + " campaign for; give ?recipient=");
        }
        SendingContext context = contexts.load(campaignId);
        RenderedContent content = CampaignMessages.content(context, chosen.scope());
        return new CampaignPreview(new CampaignPreview.Addressee(chosen.id(), chosen.email(), chosen.name()),
                content.subject(), content.text(), content.html());
    }
}

package io.herald.delivery;

import io.herald.mail.MessageComposer;
import io.herald.mail.PreparedComposer;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.UUID;

/**
 * Renders one delivery's message (from the campaign's parts prepared once per partition: mail/PreparedComposer):
 * personalised subject and bodies, attachments, inline images, and the headers
 * (Message-ID on the From domain, Date, From, To, Reply-To, Subject), then the deliverability headers
 * (List-Unsubscribe with its one-click form, List-Id, Feedback-ID, Precedence), the DKIM signature when a key is
 * configured and the VERP envelope sender when a bounce domain is. A recipient whose address is invalid or whose
 * message cannot be rendered becomes a skip, recorded by the writer.
 */
@Named
@Dependent
public class MessageProcessor implements ItemProcessor {

    @Inject
    JobContext jobContext;

    @Inject
    SendingContextLoader contexts;

    @Inject
    CampaignMessages messages;

    private SendingContext context;
    private PreparedComposer composer;

    @Override
    public Object processItem(Object item) {
        if (item instanceof WaitTick) {
            return null;
        }
        if (context == null) {
            context = contexts.load(SendCampaignJob.campaignId(jobContext));
            composer = messages.composer(context);
        }
        return process((DeliveryItem) item);
    }

    OutgoingMessage process(DeliveryItem d) {
        CampaignMessages.Addressee addressee = CampaignMessages.addressee(d.email(), d.name());
        if (addressee.skipReason() != null) {
            return OutgoingMessage.skip(d, addressee.skipReason());
        }
        InternetAddress to = addressee.mailbox();
        try {
            // a retry keeps the Message-ID of the first attempt, so receivers can drop a duplicate
            String messageId = d.messageId() != null ? d.messageId()
                    : MessageComposer.messageId(context.campaignId() + "." + d.id() + "." + UUID.randomUUID(), context.from());
            return OutgoingMessage.send(d, messages.build(context, composer, to, CampaignMessages.scope(d.attributes(), d.email(),
                    d.name()), messageId, d.recipientId()), to, messageId);
        } catch (MessagingException | RuntimeException e) {
            return OutgoingMessage.skip(d, "render error: " + e.getMessage());
        }
    }
}

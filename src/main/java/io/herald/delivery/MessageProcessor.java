package io.herald.delivery;

import io.herald.mail.MailHeaders;
import io.herald.mail.MessageComposer;
import io.herald.platform.Fields;
import io.herald.template.RenderedContent;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Renders one delivery's message: personalised subject and bodies, attachments, inline images, and the headers
 * (Message-ID on the From domain, Date, From, To, Reply-To, Subject). A recipient whose address is invalid or
 * whose message cannot be rendered becomes a skip, recorded by the writer.
 */
@Named
@Dependent
public class MessageProcessor implements ItemProcessor {

    @Inject
    JobContext jobContext;

    @Inject
    SendingContextLoader contexts;

    @Inject
    Clock clock;

    @Resource(lookup = "java:jboss/mail/herald")
    Session session;

    private SendingContext context;

    @Override
    public Object processItem(Object item) {
        if (item instanceof WaitTick) {
            return null;
        }
        if (context == null) {
            context = contexts.load(SendCampaignJob.campaignId(jobContext));
        }
        return process((DeliveryItem) item);
    }

    OutgoingMessage process(DeliveryItem d) {
        String problem = Fields.addressProblem(d.email());
        if (problem != null) {
            return OutgoingMessage.skip(d, "invalid address '" + d.email() + "': " + problem);
        }
        InternetAddress to = Fields.mailbox(d.email().trim(), d.name());
        try {
            RenderedContent content = context.template().render(scope(d));
            // a retry keeps the Message-ID of the first attempt, so receivers can drop a duplicate
            String messageId = d.messageId() != null ? d.messageId()
                    : MessageComposer.messageId(context.campaignId() + "." + d.id() + "." + UUID.randomUUID(), context.from());
            var headers = new MailHeaders(context.from(), to, context.replyTo(), messageId, clock.instant());
            return OutgoingMessage.send(d, MessageComposer.compose(session, headers, content,
                    context.attachments(), context.inlineImages()), to, messageId);
        } catch (MessagingException | RuntimeException e) {
            return OutgoingMessage.skip(d, "render error: " + e.getMessage());
        }
    }

    /** The placeholders of one recipient: their attributes, then email and name (which attributes cannot hide). */
    private static Map<String, String> scope(DeliveryItem d) {
        Map<String, String> scope = new HashMap<>(d.attributes() == null ? Map.of() : d.attributes());
        scope.put("email", d.email());
        scope.put("name", d.name() == null ? "" : d.name());
        return scope;
    }
}

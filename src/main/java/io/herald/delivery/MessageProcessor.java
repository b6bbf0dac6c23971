package io.herald.delivery;

import io.herald.deliverability.DeliverabilityService;
import io.herald.mail.AddressNormalizer;
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
    Clock clock;

    @Inject
    DeliverabilityService deliverability;

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
        Addressee addressee = addressee(d.email(), d.name());
        if (addressee.skipReason() != null) {
            return OutgoingMessage.skip(d, addressee.skipReason());
        }
        InternetAddress to = addressee.mailbox();
        try {
            RenderedContent content = context.template().render(scope(d));
            // a retry keeps the Message-ID of the first attempt, so receivers can drop a duplicate
            String messageId = d.messageId() != null ? d.messageId()
                    : MessageComposer.messageId(context.campaignId() + "." + d.id() + "." + UUID.randomUUID(), context.from());
            var headers = new MailHeaders(context.from(), to, context.replyTo(), messageId, clock.instant());
            var composed = MessageComposer.compose(session, headers, content, context.attachments(), context.inlineImages());
            return OutgoingMessage.send(d, deliverability.get().prepare(composed, context.campaignId(), context.listId(),
                    context.listName(), d.recipientId()), to, messageId);
        } catch (MessagingException | RuntimeException e) {
            return OutgoingMessage.skip(d, "render error: " + e.getMessage());
        }
    }

    /** Whom a message goes to: the mailbox for RCPT TO and the To header, or why there is none. */
    record Addressee(InternetAddress mailbox, String skipReason) {
    }

    /**
     * Checks a recipient again at send time (rows may come from other tools than the API) with the API's rules.
     * The mailbox has the domain as A-labels, while the recipient row keeps the address as it was given. A UTF-8
     * local part is skipped: Herald does not use SMTPUTF8 (see AddressNormalizer), so it cannot be sent.
     */
    static Addressee addressee(String email, String name) {
        AddressNormalizer.Result address = AddressNormalizer.normalize(email);
        if (!address.valid()) {
            return new Addressee(null, "invalid address '" + email + "': " + address.problem());
        }
        if (address.needsSmtpUtf8()) {
            return new Addressee(null, AddressNormalizer.NEEDS_SMTPUTF8);
        }
        String nameProblem = Fields.headerProblem("name", name);
        if (nameProblem != null) {
            return new Addressee(null, nameProblem);
        }
        return new Addressee(Fields.mailbox(address.address(), name), null);
    }

    /**
     * The placeholders of one recipient: their attributes, then email and name (which attributes cannot hide).
     *
     * <p>The missing-placeholder rule: a {{placeholder}} that is not among the recipient's attributes renders as
     * empty text (a {{#section}} on it is left out, a {{^section}} shown), and the message is sent; it is never
     * SKIPPED for it, so a recipient who lacks an optional attribute still gets the message, and a template can
     * give a fallback with {{^nickname}}. Pinned by MissingPlaceholderTest.
     */
    private static Map<String, String> scope(DeliveryItem d) {
        Map<String, String> scope = new HashMap<>(d.attributes() == null ? Map.of() : d.attributes());
        scope.put("email", d.email());
        scope.put("name", d.name() == null ? "" : d.name());
        return scope;
    }
}

package io.herald.delivery;

import io.herald.deliverability.DeliverabilityService;
import io.herald.mail.AddressNormalizer;
import io.herald.mail.MailHeaders;
import io.herald.mail.PreparedComposer;
import io.herald.platform.Fields;
import io.herald.template.RenderedContent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds one recipient's message of a campaign, the one way Herald does it: the addressee checked again, the
 * template rendered with the recipient's placeholders, the MIME message composed from the campaign's prepared parts
 * (mail/PreparedComposer: Message-ID, Date, From, To, Reply-To, Subject, attachments, inline images), then the
 * deliverability headers, DKIM and the VERP envelope sender.
 * The send step (MessageProcessor) and the spam pre-flight use it, so the pre-flight scores what would be sent.
 */
@ApplicationScoped
public class CampaignMessages {

    @Inject
    Clock clock;

    @Inject
    DeliverabilityService deliverability;

    @Resource(lookup = "java:jboss/mail/herald")
    Session session;

    /** Whom a message goes to: the mailbox for RCPT TO and the To header, or why there is none. */
    public record Addressee(InternetAddress mailbox, String skipReason) {
    }

    /**
     * Checks a recipient again at send time (rows may come from other tools than the API) with the API's rules.
     * The mailbox has the domain as A-labels, while the recipient row keeps the address as it was given. A UTF-8
     * local part is skipped: Herald does not use SMTPUTF8 (see AddressNormalizer), so it cannot be sent.
     */
    public static Addressee addressee(String email, String name) {
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
    public static Map<String, String> scope(Map<String, String> attributes, String email, String name) {
        Map<String, String> scope = new HashMap<>(attributes == null ? Map.of() : attributes);
        scope.put("email", email);
        scope.put("name", name == null ? "" : name);
        return scope;
    }

    /** The subject and bodies of one recipient's message, as build puts them in it (GET /campaigns/{id}/preview). */
    public static RenderedContent content(SendingContext context, Map<String, String> scope) {
        return context.template().render(scope);
    }

    /**
     * What every message of the campaign shares, encoded once (attachments, inline images, part headers,
     * boundaries): make one per partition and pass it to build for each recipient.
     */
    public PreparedComposer composer(SendingContext context) {
        return new PreparedComposer(session, context.attachments(), context.inlineImages());
    }

    /** The message to one recipient, ready to send; a template that cannot be rendered throws. */
    public MimeMessage build(SendingContext context, InternetAddress to, Map<String, String> scope, String messageId,
                             long recipientId) throws MessagingException {
        return build(context, composer(context), to, scope, messageId, recipientId);
    }

    /** The same, with the campaign's prepared parts (see composer). */
    public MimeMessage build(SendingContext context, PreparedComposer composer, InternetAddress to,
                             Map<String, String> scope, String messageId, long recipientId) throws MessagingException {
        var headers = new MailHeaders(context.from(), to, context.replyTo(), messageId, clock.instant());
        var composed = composer.compose(headers, content(context, scope));
        return deliverability.get().prepare(composed, context.campaignId(), context.listId(), context.listName(),
                recipientId);
    }
}

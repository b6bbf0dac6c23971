package io.herald.preview;

import io.herald.account.SendingAccount;
import io.herald.account.SendingAccounts;
import io.herald.campaign.CampaignService;
import io.herald.delivery.AuditEntry;
import io.herald.delivery.CampaignMessages;
import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.SendingContext;
import io.herald.delivery.SendingContextLoader;
import io.herald.mail.MessageComposer;
import io.herald.mail.SenderRefusedException;
import io.herald.mail.SmtpConnection;
import io.herald.mail.SmtpOutcome;
import io.herald.mail.SmtpUnavailableException;
import io.herald.platform.ApiException;
import io.herald.recipient.Recipient;
import io.herald.signin.SmtpSignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * POST /campaigns/{id}/test: the campaign's real message (CampaignMessages, the snapshot once launched) through the
 * real mail session, one SMTP transaction per address, each on record in the audit log as kind TEST. No delivery row
 * is written and no campaign count changes. The subject is not marked: a test shows what recipients get.
 *
 * <p>Placeholders come from the list's first ACTIVE recipient (or the one the request names), as the preview shows;
 * with no recipient, {{email}} is the test address and the rest are empty. The unsubscribe link and the VERP bounce
 * address name NO_RECIPIENT, so using them from a test message changes no real recipient.
 */
@ApplicationScoped
public class TestSends {

    static final int MAX_ADDRESSES = 10;

    /**
     * The recipient id a test message's unsubscribe link and VERP address carry: one no recipient ever has, so the
     * link answers "not valid" (Unsubscribes.verify) and a bounce is recorded as unmatched.
     */
    static final long NO_RECIPIENT = Long.MAX_VALUE;

    private static final Logger LOG = Logger.getLogger(TestSends.class);

    @Inject
    CampaignService campaigns;

    @Inject
    SendingContextLoader contexts;

    @Inject
    CampaignMessages messages;

    @Inject
    PreviewRecipients recipients;

    @Inject
    Clock clock;

    @Inject
    TestSendAudit audit;

    @Inject
    SendingAccounts accounts;

    @Inject
    SmtpSignIn signIn;

    /** A connection of the campaign's account; an account gone or wrong OAuth2 settings are a 503 naming what is wrong. */
    private SmtpConnection connection(String name) {
        try {
            SendingAccount account = accounts.get(name);
            return new SmtpConnection(account.name(), account.session(), 1, signIn.tokens(account));
        } catch (IllegalArgumentException e) {
            throw new ApiException(503, "smtp", "Herald cannot send through account " + name + ": " + e.getMessage());
        }
    }

    /** Sends to each address in turn; an SMTP refusal or an unreachable server is that address's answer, not an error. */
    public TestSendResult send(long campaignId, TestSendRequest request, String user) {
        List<InternetAddress> to = addresses(request);
        long listId = campaigns.find(campaignId).getList().getId();
        PreviewRecipients.Chosen chosen = recipients.find(listId, request.recipient());
        SendingContext context = contexts.load(campaignId);
        List<TestSendResult.Sent> sent = new ArrayList<>();
        try (SmtpConnection smtp = connection(context.account())) {
            for (InternetAddress address : to) {
                Map<String, String> scope = chosen != null ? chosen.scope()
                        : CampaignMessages.scope(Map.of(), address.getAddress(), null);
                sent.add(sendOne(smtp, context, address, scope));
            }
        }
        LOG.infof("campaign %d: test message sent by %s to %s", campaignId, user,
                sent.stream().map(s -> s.address() + " (" + s.smtpCode() + ")").toList());
        return new TestSendResult(sent, chosen == null ? null
                : new CampaignPreview.Addressee(chosen.id(), chosen.email(), chosen.name()));
    }

    private TestSendResult.Sent sendOne(SmtpConnection smtp, SendingContext context, InternetAddress to,
                                        Map<String, String> scope) {
        String messageId = MessageComposer.messageId("test." + context.campaignId() + "." + UUID.randomUUID(),
                context.from());
        SmtpOutcome outcome;
        try {
            MimeMessage message = messages.build(context, to, scope, messageId, NO_RECIPIENT);
            outcome = smtp.send(message, to);
        } catch (MessagingException e) {
            throw new IllegalStateException("the test message of campaign " + context.campaignId()
                    + " cannot be built: " + e.getMessage(), e);
        } catch (SmtpUnavailableException | SenderRefusedException e) {
            outcome = new SmtpOutcome(SmtpOutcome.Kind.SYSTEMIC, null, null, e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a test message", e);
        }
        DeliveryStatus status = outcome.kind() == SmtpOutcome.Kind.ACCEPTED ? DeliveryStatus.SENT : DeliveryStatus.FAILED;
        audit.record(AuditEntry.test(context.campaignId(), messageId, context.from().getAddress(), to.getAddress(),
                Recipient.keyOf(to.getAddress()), clock.instant(), smtp.account(), smtp.server(), outcome.replyCode(),
                outcome.enhancedCode(), outcome.replyText(), status, System.getProperty("jboss.node.name", "unknown")));
        return new TestSendResult.Sent(to.getAddress(), outcome.replyCode(), outcome.replyText());
    }

    /** 1..10 addresses, each one Herald could send to; 400 naming "addresses" otherwise. */
    static List<InternetAddress> addresses(TestSendRequest request) {
        if (request == null || request.addresses() == null || request.addresses().isEmpty()) {
            throw ApiException.badRequest("addresses", "addresses must list 1 to " + MAX_ADDRESSES + " e-mail addresses");
        }
        List<String> given = request.addresses();
        if (given.size() > MAX_ADDRESSES) {
            throw ApiException.badRequest("addresses", "a test goes to at most " + MAX_ADDRESSES + " addresses, not "
                    + given.size());
        }
        List<InternetAddress> to = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i) == null ? "" : given.get(i).trim();
            CampaignMessages.Addressee addressee = CampaignMessages.addressee(a, null);
            if (addressee.skipReason() != null) {
                throw ApiException.badRequest("addresses", "addresses[" + i + "] '" + a + "' cannot be sent to: "
                        + addressee.skipReason());
            }
            to.add(addressee.mailbox());
        }
        return to;
    }
}

package io.herald.deliverability;

import io.herald.secrets.KeyRing;
import io.herald.secrets.KeySource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jboss.logging.Logger;

/**
 * What a campaign message gets from the server's deliverability settings, in one place: its list headers with the
 * unsubscribe link, its VERP envelope sender and its DKIM signature. Made once per deployment; thread-safe.
 */
public final class Deliverability {

    /** Where the unsubscribe link points, after herald.public-base-url; the token follows. */
    public static final String UNSUBSCRIBE_PATH = "/herald/u/";

    private static final Logger LOG = Logger.getLogger(Deliverability.class);

    private final DeliverabilitySettings settings;
    private final UnsubscribeToken tokens;
    private final UndoReceipt undoReceipts;
    private final VerpAddress bounces;
    private final VerpAddress unsubscribes;
    private final DkimSigning dkim;

    /** With the configured secret alone (herald.unsubscribe.secret must be set): for tests and tools. */
    public Deliverability(DeliverabilitySettings settings) {
        this(settings, KeySource.fixed(KeyRing.of(settings.unsubscribeSecret())));
    }

    /**
     * Signs and verifies with the keys (the server's: secrets/ServerKeyRing); reads the DKIM key if one is
     * configured: IllegalArgumentException naming the setting that is wrong.
     */
    public Deliverability(DeliverabilitySettings settings, KeySource keys) {
        this.settings = settings;
        this.tokens = new UnsubscribeToken(keys);
        this.undoReceipts = new UndoReceipt(keys);
        this.bounces = settings.bounceDomain().map(d -> new VerpAddress(VerpAddress.BOUNCES, d, keys)).orElse(null);
        this.unsubscribes = settings.bounceDomain().map(d -> new VerpAddress(VerpAddress.UNSUBSCRIBE, d, keys))
                .orElse(null);
        this.dkim = settings.dkim().map(DkimSigning::new).orElse(null);
        if (dkim == null) {
            LOG.warnf("Campaign messages are not DKIM-signed: set %s, %s and %s. Gmail and Yahoo reject or junk"
                    + " unsigned bulk mail.", DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_DOMAIN),
                    DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_SELECTOR),
                    DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_KEY_FILE));
        }
    }

    /** Makes and checks the tokens of unsubscribe links (for the /herald/u/{token} endpoint). */
    public UnsubscribeToken unsubscribeTokens() {
        return tokens;
    }

    /** Makes and checks the receipts the unsubscribe page's undo button carries. */
    public UndoReceipt undoReceipts() {
        return undoReceipts;
    }

    /** Reads bounce addresses back to their delivery; empty without a bounce domain. */
    public Optional<VerpAddress> bounceAddresses() {
        return Optional.ofNullable(bounces);
    }

    /** Reads mailto: unsubscribe addresses back to their delivery; empty without a bounce domain. */
    public Optional<VerpAddress> unsubscribeAddresses() {
        return Optional.ofNullable(unsubscribes);
    }

    /** {public base URL}/herald/u/{token}. */
    public URI unsubscribeUrl(long campaignId, long recipientId) {
        return URI.create(settings.publicBaseUrl() + UNSUBSCRIBE_PATH + tokens.create(campaignId, recipientId));
    }

    /** The list headers of one campaign message; the List-Id's domain is the public base URL's host. */
    public ListHeaders listHeaders(long campaignId, long listId, String listName, long recipientId) {
        String mailto = unsubscribes == null ? null : unsubscribes.address(campaignId, recipientId);
        return new ListHeaders(unsubscribeUrl(campaignId, recipientId), mailto, campaignId, listId, listName,
                settings.publicBaseUrl().getHost(), settings.senderId());
    }

    /** bounces+…@{bounce domain}; empty without a bounce domain (the From address is then the envelope sender). */
    public Optional<String> envelopeSender(long campaignId, long recipientId) {
        return Optional.ofNullable(bounces).map(b -> b.address(campaignId, recipientId));
    }

    /**
     * The message to send for a composed (saved) message: list headers added, DKIM-signed if configured, and the
     * VERP envelope sender set if there is a bounce domain. Send the returned message with
     * Transport.sendMessage; see DkimSigning.sign for what not to do with it.
     */
    public MimeMessage prepare(MimeMessage composed, long campaignId, long listId, String listName, long recipientId)
            throws MessagingException {
        listHeaders(campaignId, listId, listName, recipientId).addTo(composed);
        MimeMessage signed = dkim == null ? composed : dkim.sign(composed);
        Optional<String> sender = envelopeSender(campaignId, recipientId);
        if (sender.isEmpty()) {
            return signed;
        }
        SMTPMessage message = signed instanceof SMTPMessage smtp ? smtp : new SMTPMessage(signed);
        message.setEnvelopeFrom(sender.get());
        return message;
    }
}

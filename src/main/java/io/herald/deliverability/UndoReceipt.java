package io.herald.deliverability;

import io.herald.secrets.KeySource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The receipt the unsubscribe page's undo button carries: {@code u1.<payload>.<mac>}, the payload what one
 * unsubscribe changed (Unsubscribed) with the campaign and recipient of its link and when it was made, the MAC a full
 * HMAC-SHA256 with the server's secret under its own purpose. Undo trusts the receipt, not the database's state,
 * so it restores exactly the recipients and the suppression entry this unsubscribe changed; it is only valid with
 * the link's own token and for {@link #VALIDITY} (the page visit), so the page holds nothing that works without
 * the token or later. Nothing is stored on the server. Thread-safe.
 */
public final class UndoReceipt {

    /** How long after the unsubscribe its undo button works: one page visit, with time to think it over. */
    public static final Duration VALIDITY = Duration.ofHours(1);
    /** Recipients one receipt can name (the lists holding one address); more and the page offers no undo. */
    static final int MAX_RECIPIENTS = 1000;

    private static final String VERSION = "u1";
    private static final String PURPOSE = "unsubscribe-undo-" + VERSION;
    private static final int FIXED_BYTES = 4 * Long.BYTES + 1;
    private static final int MAC_BYTES = 32;
    private static final int MAX_LENGTH = VERSION.length() + 2 + base64Length(FIXED_BYTES + MAX_RECIPIENTS * Long.BYTES)
            + base64Length(MAC_BYTES);

    private final TokenMac mac;

    /** secret: at least 32 bytes (herald.unsubscribe.secret), the unsubscribe token's; the caller keeps its copy. */
    public UndoReceipt(byte[] secret) {
        this.mac = new TokenMac(secret.clone());
    }

    /** Signs with the source's signing secret, verifies with each of its verifying ones. */
    public UndoReceipt(KeySource keys) {
        this.mac = new TokenMac(keys);
    }

    /** The receipt of what an unsubscribe through this link changed at {@code at}; empty past MAX_RECIPIENTS. */
    public Optional<String> create(CampaignRecipient link, Unsubscribed change, Instant at) {
        if (change.recipientIds().size() > MAX_RECIPIENTS) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.allocate(FIXED_BYTES + change.recipientIds().size() * Long.BYTES)
                .putLong(link.campaignId()).putLong(link.recipientId()).putLong(at.getEpochSecond())
                .putLong(change.suppressionId()).put((byte) change.scope().ordinal());
        change.recipientIds().forEach(payload::putLong);
        return Optional.of(mac.seal(VERSION, PURPOSE, payload.array(), MAC_BYTES));
    }

    /**
     * What the receipt says was changed, if this server made it exactly so for this link and it is still valid at
     * {@code now} (skipped: 0, a receipt does not carry it); empty for anything else.
     */
    public Optional<Unsubscribed> verify(String receipt, CampaignRecipient link, Instant now) {
        byte[] payload = mac.open(receipt, VERSION, PURPOSE, MAC_BYTES, MAX_LENGTH).orElse(null);
        if (payload == null || payload.length < FIXED_BYTES || (payload.length - FIXED_BYTES) % Long.BYTES != 0) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        long campaignId = b.getLong();
        long recipientId = b.getLong();
        Instant made = Instant.ofEpochSecond(b.getLong());
        long suppressionId = b.getLong();
        int scope = b.get();
        if (campaignId != link.campaignId() || recipientId != link.recipientId() || made.isAfter(now.plusSeconds(60))
                || now.isAfter(made.plus(VALIDITY)) || scope < 0 || scope >= UnsubscribeScope.values().length) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        while (b.hasRemaining()) {
            ids.add(b.getLong());
        }
        return Optional.of(new Unsubscribed(UnsubscribeScope.values()[scope], ids, suppressionId, 0));
    }

    /** Characters of n bytes in base64 without padding. */
    private static int base64Length(int n) {
        return (n * 4 + 2) / 3;
    }
}

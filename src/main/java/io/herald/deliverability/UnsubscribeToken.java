package io.herald.deliverability;

import io.herald.secrets.KeySource;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The token in a message's unsubscribe link: {@code v1.<payload>.<mac>}, both parts base64url without padding, the
 * payload the campaign and recipient ids (16 bytes), the MAC a full HMAC-SHA256 of them with the server's secret
 * (69 characters in all, safe in a URL path). A token cannot be made or altered without the secret; verify refuses
 * other versions, truncated, padded or re-encoded parts, and compares MACs in constant time. Thread-safe.
 *
 * <p>The version lets a later format (or a rotated secret) coexist with links already in inboxes.
 */
public final class UnsubscribeToken {

    static final String VERSION = "v1";
    private static final String PURPOSE = "unsubscribe-" + VERSION;
    private static final int PAYLOAD_BYTES = 16;
    private static final int MAC_BYTES = 32;
    /** "v1." + 22 + "." + 43 characters; anything much longer is not worth decoding. */
    private static final int MAX_LENGTH = 100;

    private final TokenMac mac;

    /** secret: at least 32 bytes (herald.unsubscribe.secret); the caller keeps its own copy. */
    public UnsubscribeToken(byte[] secret) {
        this.mac = new TokenMac(secret.clone());
    }

    /** Signs with the source's signing secret, verifies with each of its verifying ones. */
    public UnsubscribeToken(KeySource keys) {
        this.mac = new TokenMac(keys);
    }

    /** The token for one campaign's message to one recipient; the same ids always give the same token. */
    public String create(long campaignId, long recipientId) {
        return mac.seal(VERSION, PURPOSE, new CampaignRecipient(campaignId, recipientId).toBytes(), MAC_BYTES);
    }

    /** Whom the token was made for, or empty if this server did not make it exactly so. */
    public Optional<CampaignRecipient> verify(String token) {
        Optional<byte[]> payload = mac.open(token, VERSION, PURPOSE, MAC_BYTES, MAX_LENGTH);
        if (payload.isEmpty() || payload.get().length != PAYLOAD_BYTES) {
            return Optional.empty();
        }
        ByteBuffer ids = ByteBuffer.wrap(payload.get());
        long campaignId = ids.getLong();
        long recipientId = ids.getLong();
        return campaignId > 0 && recipientId > 0
                ? Optional.of(new CampaignRecipient(campaignId, recipientId)) : Optional.empty();
    }
}

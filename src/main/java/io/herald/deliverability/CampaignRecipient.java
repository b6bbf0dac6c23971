package io.herald.deliverability;

import java.nio.ByteBuffer;

/** Whom one campaign message went to: what an unsubscribe token or a VERP bounce address identifies. */
public record CampaignRecipient(long campaignId, long recipientId) {

    /** Both are database identities, which start at 1. */
    public CampaignRecipient {
        if (campaignId < 1 || recipientId < 1) {
            throw new IllegalArgumentException("campaign and recipient ids must be positive, not " + campaignId
                    + " and " + recipientId);
        }
    }

    /** The 16 bytes a MAC is computed over: both ids as big-endian longs. */
    byte[] toBytes() {
        return ByteBuffer.allocate(16).putLong(campaignId).putLong(recipientId).array();
    }
}

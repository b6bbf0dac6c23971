package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cancelling a running campaign stops its job and marks everything not yet sent CANCELLED; it cannot come back. */
class CancelCampaignIT extends HeraldIT {

    @Test
    void aRunningCampaignIsCancelledAndWhatWasNotSentIsCancelled() {
        int n = 500;
        long campaignId = campaign(personalisedTemplate(), listOf(n));
        smtp.slowDown(Duration.ofMillis(15));
        try {
            send(campaignId);
            awaitSent(campaignId, 50, Duration.ofMinutes(1));
            var cancelled = api.expect(200, api.post("campaigns/" + campaignId + "/cancel")).object();
            assertEquals("CANCELLED", cancelled.getString("status"));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        // the job stops at its next checkpoint; nothing is sent after that and nothing is left to send
        io.herald.it.support.Poll.until(Duration.ofMinutes(1), "the job to stop sending", () -> {
            var counts = db.deliveryCounts(campaignId);
            return counts.getOrDefault("PENDING", 0L) == 0 && counts.getOrDefault("SENDING", 0L) == 0 ? counts : null;
        });
        var counts = db.deliveryCounts(campaignId);
        long sent = counts.getOrDefault("SENT", 0L);
        assertEquals(n, sent + counts.getOrDefault("CANCELLED", 0L), counts.toString());
        assertTrue(counts.getOrDefault("CANCELLED", 0L) > 0, counts.toString());
        assertEquals(sent, smtp.countsByRecipient().entrySet().stream().filter(e -> e.getKey().endsWith(domain)).count(),
                "every SENT recipient, and only those, received the message");

        api.expect(409, api.post("campaigns/" + campaignId + "/resume"));
        api.expect(409, api.post("campaigns/" + campaignId + "/pause"));
        api.expect(409, api.post("campaigns/" + campaignId + "/cancel"));
        assertEquals("CANCELLED", campaignView(campaignId).getString("status"));
    }
}

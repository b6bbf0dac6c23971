package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;
import jakarta.json.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An SMTP outage pauses the campaign after its maximum of consecutive connection failures, with the reason; once
 * the server is back, resuming it mails everyone who was not mailed, exactly once.
 */
class SmtpOutageIT extends HeraldIT {

    /** The default partition count: each partition has its own connection, and so its own message in flight. */
    private static final int PARTITIONS = 4;

    @Test
    void campaignPausedByAnSmtpOutageIsResumedAndDeliversEveryoneExactlyOnce() {
        int n = 400;
        long campaignId = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).add("maxSendErrors", 3).build());
        smtp.slowDown(Duration.ofMillis(10));
        send(campaignId);
        awaitSent(campaignId, 100, Duration.ofMinutes(1));

        smtp.stop();                                                  // the SMTP server goes away mid-campaign
        try {
            var paused = awaitStatus(campaignId, "PAUSED", Duration.ofMinutes(1));
            assertTrue(paused.getString("statusReason").startsWith("paused after 3 consecutive SMTP connection failures"),
                    paused.toString());
            assertTrue(paused.getString("statusReason").contains("unreachable"), paused.toString());
            Map<String, Long> atFailure = db.deliveryCounts(campaignId);
            assertTrue(atFailure.getOrDefault("PENDING", 0L) > 0, "the outage left recipients to send: " + atFailure);
            assertEquals(0L, atFailure.getOrDefault("SENDING", 0L), "no message in an unknown state: " + atFailure);
        } finally {
            smtp.start();                                             // the server is back (for the next test too)
        }
        api.expect(202, api.post("campaigns/" + campaignId + "/resume"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));

        // the message in flight on each partition's connection when the server vanished may have been cut off after
        // it was transmitted: then it is UNKNOWN (policy report), never sent twice; everyone else is SENT, received once
        assertDeliveredOnceExceptUnknown(campaignId, n, PARTITIONS);
    }

    @Test
    void aShortOutageWithinTheFailureThresholdIsRiddenOutWithoutPausing() {
        int n = 300;
        long campaignId = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).add("maxSendErrors", 10).build());
        smtp.slowDown(Duration.ofMillis(10));
        send(campaignId);
        awaitSent(campaignId, 50, Duration.ofMinutes(1));

        smtp.stop();
        try {
            // Herald notices: the message in flight is DEFERRED, or UNKNOWN if it was cut off after it had been
            // transmitted, and it keeps trying to reconnect (1 s, 2 s, 4 s …)
            Poll.until(Duration.ofMinutes(1), "a delivery deferred (or left UNKNOWN) by the outage", () -> {
                Map<String, Long> counts = db.deliveryCounts(campaignId);
                return counts.getOrDefault("DEFERRED", 0L) + counts.getOrDefault("UNKNOWN", 0L) > 0 ? Boolean.TRUE : null;
            });
        } finally {
            smtp.start();                                             // back, whatever the poll found
        }
        smtp.slowDown(Duration.ZERO);

        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));
        assertDeliveredOnceExceptUnknown(campaignId, n, PARTITIONS);
    }
}

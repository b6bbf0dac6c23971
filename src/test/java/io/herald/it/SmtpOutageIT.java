package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An SMTP outage fails the send step; once the server is back the campaign resumes and mails everyone once. */
class SmtpOutageIT extends HeraldIT {

    @Test
    void campaignFailedByAnSmtpOutageIsRestartedAndDeliversEveryoneExactlyOnce() {
        int n = 400;
        long campaignId = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).build());
        smtp.slowDown(Duration.ofMillis(10));
        send(campaignId);
        awaitSent(campaignId, 100, Duration.ofMinutes(1));

        smtp.stop();                                                  // the SMTP server goes away mid-campaign
        var failed = awaitStatus(campaignId, "FAILED", Duration.ofMinutes(1));
        assertTrue(failed.getString("statusReason").contains("unreachable"), failed.toString());
        Map<String, Long> atFailure = db.deliveryCounts(campaignId);
        assertTrue(atFailure.getOrDefault("PENDING", 0L) > 0, "the outage left recipients to send: " + atFailure);
        assertEquals(0L, atFailure.getOrDefault("SENDING", 0L), "no message in an unknown state: " + atFailure);
        smtp.start();                                                 // the server is back
        api.expect(202, api.post("campaigns/" + campaignId + "/resume"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaignId));
        Map<String, Integer> received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + " messages received across the outage");
        }
    }
}

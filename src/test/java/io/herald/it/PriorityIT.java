package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A HIGH campaign launched while a large LOW one is sending gets the sending capacity and finishes first. */
class PriorityIT extends HeraldIT {

    @Test
    void aHighCampaignOvertakesARunningLowOne() {
        long template = personalisedTemplate();
        long low = campaign(template, listOf(600), Json.createObjectBuilder().add("priority", "LOW").build());
        smtp.slowDown(Duration.ofMillis(10));
        try {
            send(low);
            awaitSent(low, 50, Duration.ofMinutes(1));

            long high = campaign(template, listOf(200), Json.createObjectBuilder().add("priority", "HIGH").build());
            send(high);
            awaitSent(high, 1, Duration.ofMinutes(1));          // HIGH's send step is running from here on
            long lowSentAtHighStart = db.deliveryCounts(low).getOrDefault("SENT", 0L);
            awaitStatus(high, "COMPLETED", Duration.ofMinutes(2));
            long lowSentMeanwhile = db.deliveryCounts(low).getOrDefault("SENT", 0L) - lowSentAtHighStart;

            assertEquals("RUNNING", campaignView(low).getString("status"), "the LOW campaign is still sending");
            // LOW yields before each message while HIGH sends (at most one message per 5 s wait): without priorities
            // both would share the connection time and LOW would send about as many as HIGH's 200 meanwhile
            assertTrue(lowSentMeanwhile < 20, "LOW messages sent while HIGH was sending: " + lowSentMeanwhile);
            assertEquals(200, db.deliveryCounts(high).get("SENT"));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        awaitStatus(low, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(600, db.deliveryCounts(low).get("SENT"));
    }
}

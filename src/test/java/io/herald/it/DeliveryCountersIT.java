package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-status delivery counters that GET /campaigns/{id} reads (table delivery_counter) equal a recount of the
 * delivery table after every kind of status change: claims, replies (550 refusals, 451 deferrals and their
 * retries), a suppression, an erasure and a cancel, also while the campaign sends.
 */
class DeliveryCountersIT extends HeraldIT {

    @AfterEach
    void normalSmtp() {
        smtp.deferFirstAttempt(null);
        smtp.slowDown(Duration.ZERO);
    }

    private static JsonObject quickRetries() {
        return Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).add("retryMaxAttempts", 3)
                .add("maxSendErrors", 100).build();
    }

    @Test
    void refusalsAndDeferralsAreCountedAsTheyHappen() {
        int n = 40;
        long listId = listOf(n);
        for (int i = 0; i < n; i += 5) {
            smtp.refuse(address(i));                                   // 8 recipients: 550 5.1.1 User unknown
        }
        smtp.deferFirstAttempt("451 4.3.0 Try again later");          // everyone's first attempt is deferred
        long campaignId = campaign(personalisedTemplate(), listId, quickRetries());
        send(campaignId);

        // at every moment read while it sends, the counters agree with the table
        Poll.until(Duration.ofMinutes(1), "campaign " + campaignId + " to complete", () -> {
            assertCountersMatchDeliveries(campaignId);
            return campaignView(campaignId).getString("status").equals("COMPLETED") ? Boolean.TRUE : null;
        });

        assertEquals(Map.of("SENT", 32L, "FAILED", 8L), assertCountersMatchDeliveries(campaignId));
        JsonObject view = campaignView(campaignId);
        assertEquals(32, view.getJsonObject("counts").getInt("SENT"), view.toString());
        assertEquals(8, view.getJsonObject("counts").getInt("FAILED"), view.toString());
        assertEquals(0, view.getJsonObject("counts").getInt("DEFERRED"), view.toString());
        assertNotNull(view.get("lastError"), view.toString());
        String lastError = view.getString("lastError");
        assertTrue(lastError.contains("550 5.1.1") || lastError.contains("451 4.3.0"), lastError);
    }

    @Test
    void aSuppressionAnErasureAndACancelMoveTheCountersByWhatTheyChanged() {
        int n = 300;
        long campaignId = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("partitions", 2).build());
        smtp.slowDown(Duration.ofMillis(50));
        send(campaignId);
        awaitSent(campaignId, 20, Duration.ofMinutes(1));
        assertCountersMatchDeliveries(campaignId);

        // the two deliveries each partition (id modulo 2, in id order) reaches last: still PENDING now, whatever
        // recipient order prepare numbered the deliveries in
        var last = db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND status = 'PENDING' ORDER BY id DESC",
                campaignId).subList(0, 2);
        api.expect(201, api.post("suppressions", Json.createObjectBuilder().add("address",
                (String) last.get(0).get("email")).build()));
        assertCountersMatchDeliveries(campaignId);
        api.expect(200, api.delete("people/" + last.get(1).get("email")));
        assertCountersMatchDeliveries(campaignId);

        api.expect(200, api.post("campaigns/" + campaignId + "/cancel"));
        assertCountersMatchDeliveries(campaignId);
        smtp.slowDown(Duration.ZERO);
        Poll.until(Duration.ofMinutes(1), "the job to stop sending", () -> {
            var counts = db.deliveryCounts(campaignId);
            return counts.getOrDefault("PENDING", 0L) == 0 && counts.getOrDefault("SENDING", 0L) == 0 ? counts : null;
        });

        Map<String, Long> counts = assertCountersMatchDeliveries(campaignId);
        assertTrue(counts.getOrDefault("CANCELLED", 0L) > 0, counts.toString());
        assertEquals(2L, counts.getOrDefault("SKIPPED", 0L), "the suppressed and the erased recipient: " + counts);
        assertEquals(n, counts.values().stream().mapToLong(Long::longValue).sum(), counts.toString());
        JsonObject view = campaignView(campaignId);
        counts.forEach((status, count) ->
                assertEquals(count, view.getJsonObject("counts").getJsonNumber(status).longValue(), view.toString()));
    }
}

package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /campaigns/{id}/retry: after a relay refused every message of a completed campaign, an admin sends its FAILED
 * deliveries again with a new execution; each recipient gets exactly one message, the counts follow, and the audit
 * log says who asked.
 */
class RetryIT extends HeraldIT {

    private static JsonObject statuses(String... names) {
        var list = Json.createArrayBuilder();
        for (String n : names) {
            list.add(n);
        }
        return Json.createObjectBuilder().add("statuses", list).build();
    }

    @Test
    void aCampaignWhoseEveryMessageWasRefusedIsRetriedOnceTheRelayAcceptsAndEachRecipientGetsOneMessage() {
        int n = 12;
        long listId = listOf(n);
        for (int i = 0; i < n; i++) {
            smtp.refuseContent(address(i), "554 5.7.1 Relay misconfigured: message refused");
        }
        long campaignId = campaign(personalisedTemplate(), listId);
        long first = send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(Map.of("FAILED", (long) n), db.deliveryCounts(campaignId));
        assertEquals(0, smtp.countsByRecipient().keySet().stream().filter(a -> a.endsWith(domain)).count());

        for (int i = 0; i < n; i++) {
            smtp.acceptContent(address(i));                          // the relay is fixed
        }
        JsonObject retried = api.expect(202, api.post("campaigns/" + campaignId + "/retry", statuses("FAILED", "UNKNOWN")))
                .object();
        assertEquals(n, retried.getInt("retried"), retried.toString());
        assertTrue(retried.getJsonNumber("executionId").longValue() != first, "a new execution: " + retried);
        JsonObject done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(Map.of("SENT", (long) n), assertCountersMatchDeliveries(campaignId));
        assertEquals(n, done.getJsonObject("counts").getInt("SENT"), done.toString());
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + " messages received");
        }
        String admin = System.getProperty("it.admin.user");
        var audit = api.expect(200, api.get("audit?address=" + address(0))).object().getJsonArray("items");
        assertEquals(java.util.List.of("FAILED", "RETRY", "SENT"),
                audit.stream().map(e -> e.asJsonObject().getString("outcome")).toList(), audit.toString());
        assertTrue(audit.get(1).asJsonObject().getString("replyText").endsWith("asked by " + admin), audit.toString());

        // nothing is left to retry; and a second retry of a campaign with nothing FAILED changes nothing
        var nothing = api.expect(409, api.post("campaigns/" + campaignId + "/retry", statuses("FAILED"))).object();
        assertEquals("statuses", nothing.getString("field"), nothing.toString());
        assertEquals("COMPLETED", campaignView(campaignId).getString("status"));
    }

    @Test
    void aRetryIsRefusedClearlyWhenItCannotBeDone() {
        long campaignId = campaign(personalisedTemplate(), listOf(2));
        var draft = api.expect(409, api.post("campaigns/" + campaignId + "/retry", statuses("FAILED"))).object();
        assertEquals("status", draft.getString("field"), draft.toString());
        for (String body : new String[] {"{}", "{\"statuses\": []}", "{\"statuses\": [\"SENT\"]}",
                                         "{\"statuses\": [\"BOUNCED\"]}", "{\"statuses\": [\"nonsense\"]}"}) {
            var refused = api.expect(400, api.post("campaigns/" + campaignId + "/retry", body)).object();
            assertEquals("statuses", refused.getString("field"), body + ": " + refused);
        }
        api.expect(404, api.post("campaigns/999999999/retry", statuses("FAILED")));
        api.expect(403, HeraldApi.operator().post("campaigns/" + campaignId + "/retry", statuses("FAILED")));
        assertEquals("DRAFT", campaignView(campaignId).getString("status"));
    }
}

package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /campaigns/{id}/stats on a campaign with known outcomes: five recipients accepted, two refused as unknown
 * users (550 5.1.1, each reply naming its own address), one refused as spam (554 5.7.1) and one invalid address
 * (SKIPPED); the figures must be exactly what those outcomes give.
 */
class CampaignStatsIT extends HeraldIT {

    @Test
    void aCampaignsFiguresCountItsOutcomesExactly() {
        long listId = listOf(8);
        insertUnchecked(listId, "nodomain@", "No Domain");
        smtp.refuse(address(1));
        smtp.refuse(address(2));
        smtp.refuseContent(address(3), "554 5.7.1 Message rejected as spam");
        long campaignId = campaign(personalisedTemplate(), listId);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        JsonObject stats = api.expect(200, api.get("campaigns/" + campaignId + "/stats")).object();

        assertEquals(campaignId, stats.getJsonNumber("campaignId").longValue());
        assertEquals("COMPLETED", stats.getString("campaignStatus"));
        assertEquals(9, stats.getInt("deliveries"));
        assertEquals(Map.of("SENT", 5L, "FAILED", 3L, "SKIPPED", 1L), db.deliveryCounts(campaignId));
        JsonObject byStatus = stats.getJsonObject("byStatus");
        assertEquals(3, byStatus.size(), byStatus.toString());
        assertEquals(5, byStatus.getInt("SENT"));
        assertEquals(3, byStatus.getInt("FAILED"));
        assertEquals(1, byStatus.getInt("SKIPPED"));

        JsonObject success = stats.getJsonObject("successRate");
        assertEquals(5, success.getInt("sent"));
        assertEquals(9, success.getInt("finished"), "SENT + FAILED + SKIPPED");
        assertEquals(5.0 / 9, success.getJsonNumber("rate").doubleValue(), 1e-9);

        var reasons = stats.getJsonArray("topFailureReasons").getValuesAs(JsonObject.class);
        assertEquals(2, reasons.size(), reasons.toString());
        assertEquals(List.of(550, "5.1.1", "<{address}>: Recipient address rejected: User unknown in virtual mailbox"
                + " table", 2), reason(reasons.get(0)));
        assertEquals(List.of(554, "5.7.1", "Message rejected as spam", 1), reason(reasons.get(1)));

        JsonObject latency = stats.getJsonObject("latency");
        assertEquals(8, latency.getInt("attempts"), "one timed attempt per recipient with a valid address");
        assertEquals(8, db.number("SELECT COUNT(latency_ms) FROM audit_entry WHERE campaign_id = ?", campaignId));
        double average = latency.getJsonNumber("averageMs").doubleValue();
        double p95 = latency.getJsonNumber("p95Ms").doubleValue();
        int max = latency.getInt("maxMs");
        assertEquals(db.number("SELECT MAX(latency_ms) FROM audit_entry WHERE campaign_id = ?", campaignId), max);
        assertTrue(average >= 0 && average <= max && p95 <= max && max < 60_000, latency.toString());

        JsonObject throughput = stats.getJsonObject("throughput");
        assertEquals(5, throughput.getInt("accepted"));
        Instant first = Instant.parse(throughput.getString("firstSentAt"));
        Instant last = Instant.parse(throughput.getString("lastSentAt"));
        assertTrue(!last.isBefore(first), throughput.toString());
        double seconds = throughput.getJsonNumber("seconds").doubleValue();
        assertEquals(Duration.between(first, last).toNanos() / 1e9, seconds, 1e-6);
        if (seconds > 0) {
            assertEquals(5 / seconds, throughput.getJsonNumber("messagesPerSecond").doubleValue(), 1e-6);
        }
        for (String figure : List.of("successRate", "latency", "throughput", "topFailureReasons")) {
            assertTrue(stats.getJsonObject("definitions").containsKey(figure), figure);
        }
    }

    @Test
    void operatorsMayReadAndAnUnknownCampaignIsNotFound() {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        JsonObject draft = api.expect(200, HeraldApi.operator().get("campaigns/" + campaignId + "/stats")).object();
        assertEquals("DRAFT", draft.getString("campaignStatus"));
        assertEquals(0, draft.getInt("deliveries"));
        assertEquals(0, draft.getJsonObject("successRate").getInt("finished"));
        assertTrue(!draft.getJsonObject("successRate").containsKey("rate"), "no rate before anything finished");
        assertEquals(0, draft.getJsonObject("latency").getInt("attempts"));
        assertEquals(0, draft.getJsonArray("topFailureReasons").size());

        var missing = api.get("campaigns/" + Long.MAX_VALUE + "/stats");
        assertEquals(404, missing.status());
        assertEquals("id", missing.object().getString("field"));
        assertEquals(401, HeraldApi.anonymous().get("campaigns/" + campaignId + "/stats").status());
    }

    private static List<Object> reason(JsonObject r) {
        return List.of(r.getInt("smtpCode"), r.getString("enhancedCode"), r.getString("pattern"), r.getInt("count"));
    }
}

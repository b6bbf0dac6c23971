package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.TestSmtpServer.Arrival;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A campaign's own rate limit (maxPerSecond) holds across all its partitions: measured by when the SMTP server
 * accepted each message, not by what Herald says it did.
 */
class RateLimitIT extends HeraldIT {

    @Test
    void aCampaignLimitedTo50PerSecondSendsAt50PerSecondOverTenSeconds() {
        int n = 650;                                        // 13 s at 50/s: the 10 s window is inside the run
        long id = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("maxPerSecond", 50).add("partitions", 4).build());
        assertEquals(50, campaignView(id).getJsonObject("settings").getInt("maxPerSecond"));
        send(id);
        awaitStatus(id, "COMPLETED", Duration.ofSeconds(90));

        List<Long> times = smtp.arrivals().stream()
                .filter(a -> a.recipients().stream().anyMatch(r -> r.endsWith("@" + domain)))
                .map(Arrival::nanos).sorted().toList();
        assertEquals(n, times.size(), "messages received");
        long start = times.get(0);
        long inTenSeconds = times.stream().filter(t -> t - start < Duration.ofSeconds(10).toNanos()).count();
        assertTrue(inTenSeconds >= 450 && inTenSeconds <= 550,
                "messages received in the first 10 s: " + inTenSeconds + " (50/s ± 10 % is 450..550)");
        Map<String, Long> counts = db.deliveryCounts(id);
        assertEquals(Map.of("SENT", (long) n), counts);
        assertEquals(4, db.number("SELECT send_partitions FROM campaign WHERE id = ?", id), "sent by 4 partitions");
        assertEquals(4, campaignView(id).getInt("sendPartitions"));
    }

    @Test
    void aNegativeRateOrTooManyPartitionsIsRefusedNamingTheField() {
        long template = personalisedTemplate();
        long list = listOf(1);
        for (var bad : List.of(Map.entry("maxPerSecond", -1), Map.entry("partitions", 0), Map.entry("partitions", 33))) {
            long before = db.number("SELECT COUNT(*) FROM campaign");
            var r = api.post("campaigns", Json.createObjectBuilder().add("name", "x").add("templateId", template)
                    .add("listId", list).add("fromAddress", "news@herald.example").add(bad.getKey(), bad.getValue()).build());
            assertEquals(400, r.status(), bad + " → " + r.body());
            assertEquals(bad.getKey(), r.object().getString("field"), r.body().toString());
            assertEquals(before, db.number("SELECT COUNT(*) FROM campaign"), "nothing saved for " + bad);
        }
    }
}

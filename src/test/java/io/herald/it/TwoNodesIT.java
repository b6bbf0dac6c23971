package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;

import io.herald.it.support.ServerProcess;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler across restarts: due times that passed while the only node was down run once at startup, or are
 * skipped, per the schedule's missedRuns. The test owns the server process, like CrashRecoveryIT. Schedulers of
 * several nodes racing for one due time are ClusterIT's.
 */
class TwoNodesIT extends HeraldIT {

    private final ServerProcess nodeA = new ServerProcess(System.getProperty("it.data.dir") + "-a", 0, "node-a");

    @AfterEach
    void stopNodes() {
        nodeA.close();
    }

    @Test
    void nightsMissedWhileTheServerWasDownRunOnceAtStartupOrAreSkipped() {
        nodeA.start();
        int n = 5;
        long list = listOf(n);
        long template = personalisedTemplate();
        long runOnce = campaign(template, list);
        long skip = campaign(template, list);
        for (var c : Map.of(runOnce, "run-once", skip, "skip").entrySet()) {
            api.expect(200, api.put("campaigns/" + c.getKey() + "/schedule", Json.createObjectBuilder()
                    .add("cron", "0 3 * * *").add("timeZone", "UTC").add("missedRuns", c.getValue()).build()));
        }
        nodeA.close();

        // the server was down for the last three nights at 03:00 UTC
        Instant now = Instant.now();
        Instant lastNight = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(3));
        if (lastNight.isAfter(now)) {
            lastNight = lastNight.minus(Duration.ofDays(1));
        }
        Instant firstMissed = lastNight.minus(Duration.ofDays(2));
        assertEquals(2, db.update("UPDATE campaign SET next_due_at = ? WHERE id IN (?, ?)",
                firstMissed.atOffset(ZoneOffset.UTC), runOnce, skip));
        nodeA.start();

        long run = Poll.until(Duration.ofMinutes(1), "the catch-up run of campaign " + runOnce,
                () -> db.rows("SELECT id FROM campaign WHERE parent_id = ?", runOnce).stream()
                        .map(r -> ((Number) r.get("id")).longValue()).findFirst().orElse(null));
        awaitStatus(run, "COMPLETED", Duration.ofMinutes(1));
        Instant tonight = lastNight.plus(Duration.ofDays(1));
        for (long parent : List.of(runOnce, skip)) {
            Poll.until(Duration.ofSeconds(30), "campaign " + parent + " to be due next at " + tonight,
                    () -> db.number("SELECT COUNT(*) FROM campaign WHERE id = ? AND next_due_at = ?", parent,
                            tonight.atOffset(ZoneOffset.UTC)) == 1 ? Boolean.TRUE : null);
        }

        List<Map<String, Object>> runs = db.rows("SELECT id, due_at FROM campaign WHERE parent_id = ?", runOnce);
        assertEquals(1, runs.size(), "three missed nights, one catch-up run: " + runs);
        assertEquals(lastNight, instant(runs.get(0).get("due_at")), "the catch-up run is for the latest missed night");
        assertEquals(0, db.number("SELECT COUNT(*) FROM campaign WHERE parent_id = ?", skip), "skip sends no catch-up run");
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(run));
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + ": one message for the missed nights");
        }
        assertTrue(campaignView(runOnce).getJsonObject("schedule").getJsonArray("runs").size() == 1);
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value + " (" + (value == null ? null : value.getClass()) + ")");
    }
}

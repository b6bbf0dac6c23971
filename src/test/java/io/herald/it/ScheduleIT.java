package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.HeraldApi.Reply;
import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scheduled campaigns launched by the scheduler alone: a one-off send time, a recurring every-minute schedule with
 * one run per due time (the claim), the API's refusals, and priorities.
 */
class ScheduleIT extends HeraldIT {


    @Test
    void aOneOffSendTimeLaunchesTheCampaignByItselfAndMailsEveryoneOnce() {
        int n = 20;
        long id = campaign(personalisedTemplate(), listOf(n));
        Instant sendAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);

        JsonObject schedule = expect(200, put(id, Json.createObjectBuilder().add("sendAt", sendAt.toString()).build())).object();

        assertEquals(sendAt, Instant.parse(schedule.getString("nextDueAt")), schedule.toString());
        assertEquals("DRAFT", campaignView(id).getString("status"));
        JsonObject done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(90));
        assertEquals(n, done.getJsonObject("counts").getJsonNumber("SENT").longValue(), done.toString());
        assertFalse(Instant.parse(done.getString("startedAt")).isBefore(sendAt), "started before its send time: " + done);
        Map<String, Integer> received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + " messages received");
        }
        assertEquals(0, db.number("SELECT COUNT(*) FROM campaign WHERE parent_id = ?", id), "a one-off send has no runs");
        assertEquals(1, db.number("SELECT COUNT(*) FROM campaign WHERE id = ? AND next_due_at IS NULL", id));
    }

    @Test
    void aRecurringScheduleSendsOneRunPerDueTimeAndTheParentNeverSends() {
        int n = 5;
        long id = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder().add("priority", "HIGH").build());

        JsonObject schedule = expect(200, put(id, Json.createObjectBuilder()
                .add("cron", "* * * * *").add("timeZone", "Europe/Berlin").build())).object();

        Instant nextDue = Instant.parse(schedule.getString("nextDueAt"));
        assertEquals(nextDue.truncatedTo(ChronoUnit.MINUTES), nextDue, "every minute is due on the minute");
        assertTrue(nextDue.isAfter(Instant.now().minusSeconds(5)) && nextDue.isBefore(Instant.now().plusSeconds(61)), schedule.toString());
        assertEquals("* * * * *", schedule.getString("cron"));
        assertEquals("run-once", schedule.getString("missedRuns"));
        assertEquals(409, api.post("campaigns/" + id + "/send").status(), "a recurring campaign is sent by its runs only");

        long run = Poll.until(Duration.ofSeconds(100), "the first run of campaign " + id, () -> {
            var runs = db.rows("SELECT id FROM campaign WHERE parent_id = ? ORDER BY due_at", id);
            return runs.isEmpty() ? null : ((Number) runs.get(0).get("id")).longValue();
        });
        JsonObject first = awaitStatus(run, "COMPLETED", Duration.ofSeconds(60));
        assertEquals(id, first.getJsonNumber("parentId").longValue());
        assertEquals(nextDue, Instant.parse(first.getString("dueAt")), "the first run is for the first due time");
        assertEquals("HIGH", first.getString("priority"), "a run copies its parent's settings");
        expect(204, delete(id));

        // a tick in flight when the schedule was cleared may still have created one more run: let every run finish
        List<Map<String, Object>> runs = Poll.until(Duration.ofSeconds(60), "every run of campaign " + id + " to end", () -> {
            var rows = db.rows("SELECT id, status FROM campaign WHERE parent_id = ?", id);
            return rows.stream().allMatch(r -> "COMPLETED".equals(r.get("status"))) ? rows : null;
        });
        assertEquals(0, db.number("SELECT COUNT(*) FROM (SELECT due_at FROM campaign WHERE parent_id = ? "
                + "GROUP BY due_at HAVING COUNT(*) > 1) d", id), "a due time produced more than one run");
        Map<String, Integer> received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(runs.size(), received.getOrDefault(address(i), 0), address(i) + ": one message per run");
        }
        JsonObject parent = campaignView(id);
        assertEquals("DRAFT", parent.getString("status"), "the parent never sends");
        assertEquals(0, db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ?", id));
        JsonObject shown = parent.getJsonObject("schedule");
        assertFalse(shown.containsKey("cron") && !shown.isNull("cron"), "schedule cleared: " + shown);
        assertFalse(shown.containsKey("nextDueAt") && !shown.isNull("nextDueAt"), "nothing due any more: " + shown);
        JsonObject shownRun = shown.getJsonArray("runs").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getJsonNumber("id").longValue() == run).findFirst().orElseThrow();
        assertEquals("COMPLETED", shownRun.getString("status"));
        assertEquals(n, shownRun.getJsonObject("counts").getJsonNumber("SENT").longValue(), shownRun.toString());
    }

    @Test
    void badScheduleInputIsRefusedNamingTheFieldAndNothingIsSaved() {
        long id = campaign(personalisedTemplate(), listOf(1));
        refused(id, Json.createObjectBuilder().add("cron", "0 2 * *").build(), "cron");
        refused(id, Json.createObjectBuilder().add("cron", "0 25 * * *").build(), "cron");
        refused(id, Json.createObjectBuilder().add("cron", "0 2 * * *").add("timeZone", "Mars/Olympus").build(), "timeZone");
        refused(id, Json.createObjectBuilder().add("sendAt", Instant.now().minusSeconds(60).toString()).build(), "sendAt");
        refused(id, Json.createObjectBuilder().add("sendAt", "next tuesday").build(), "sendAt");
        refused(id, Json.createObjectBuilder().build(), "sendAt");
        refused(id, Json.createObjectBuilder().add("cron", "0 2 * * *").add("missedRuns", "twice").build(), "missedRuns");
        assertEquals(1, db.number("SELECT COUNT(*) FROM campaign WHERE id = ? AND cron IS NULL AND send_at IS NULL "
                + "AND next_due_at IS NULL", id), "nothing saved");
        assertFalse(campaignView(id).containsKey("schedule") && !campaignView(id).isNull("schedule"));
    }

    @Test
    void onlyADraftCampaignCanBeScheduledAndOnlyByAnAdmin() {
        long id = campaign(personalisedTemplate(), listOf(2));
        JsonObject nightly = Json.createObjectBuilder().add("cron", "0 2 * * *").add("timeZone", "Europe/Berlin").build();
        assertEquals(403, put(HeraldApi.operator(), id, nightly).status(), "operators may not schedule");
        send(id);
        Reply conflict = put(id, nightly);
        assertEquals(409, conflict.status(), conflict.body().toString());
        awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
        assertEquals(404, put(Long.MAX_VALUE, nightly).status());
    }

    @Test
    void aCampaignHasAPriorityNormalByDefault() {
        long template = personalisedTemplate();
        long list = listOf(1);
        assertEquals("NORMAL", campaignView(campaign(template, list)).getString("priority"));
        assertEquals("LOW", campaignView(campaign(template, list, Json.createObjectBuilder().add("priority", "low").build()))
                .getString("priority"));
        long before = db.number("SELECT COUNT(*) FROM campaign");
        Reply bad = api.post("campaigns", Json.createObjectBuilder().add("name", "x").add("templateId", template)
                .add("listId", list).add("fromAddress", "news@herald.example").add("priority", "urgent").build());
        assertEquals(400, bad.status(), bad.body().toString());
        assertEquals("priority", bad.object().getString("field"));
        assertEquals(before, db.number("SELECT COUNT(*) FROM campaign"));
    }

    private void refused(long id, JsonObject body, String field) {
        Reply r = put(id, body);
        assertEquals(400, r.status(), body + " → " + r.body());
        assertEquals(field, r.object().getString("field"), r.body().toString());
    }

    private Reply expect(int status, Reply reply) {
        return api.expect(status, reply);
    }

    private Reply put(long id, JsonObject body) {
        return put(api, id, body);
    }

    private Reply put(HeraldApi as, long id, JsonObject body) {
        return as.put("campaigns/" + id + "/schedule", body);
    }

    private Reply delete(long id) {
        return api.delete("campaigns/" + id + "/schedule");
    }

    @Test
    void nightsMissedRunOnceOrAreSkipped() {
        int n = 5;
        long list = listOf(n);
        long template = personalisedTemplate();
        long runOnce = campaign(template, list);
        long skip = campaign(template, list);
        for (var c : Map.of(runOnce, "run-once", skip, "skip").entrySet()) {
            api.expect(200, api.put("campaigns/" + c.getKey() + "/schedule", Json.createObjectBuilder()
                    .add("cron", "0 3 * * *").add("timeZone", "UTC").add("missedRuns", c.getValue()).build()));
        }
        // as if no node had run for the last three nights at 03:00 UTC (the first tick after a start sees the same)
        Instant now = Instant.now();
        Instant lastNight = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(3));
        if (lastNight.isAfter(now)) {
            lastNight = lastNight.minus(Duration.ofDays(1));
        }
        Instant firstMissed = lastNight.minus(Duration.ofDays(2));
        assertEquals(2, db.update("UPDATE campaign SET next_due_at = ? WHERE id IN (?, ?)",
                firstMissed.atOffset(ZoneOffset.UTC), runOnce, skip));

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
        assertEquals(lastNight, timestamp(runs.get(0).get("due_at")), "the catch-up run is for the latest missed night");
        assertEquals(0, db.number("SELECT COUNT(*) FROM campaign WHERE parent_id = ?", skip), "skip sends no catch-up run");
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(run));
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + ": one message for the missed nights");
        }
        assertTrue(campaignView(runOnce).getJsonObject("schedule").getJsonArray("runs").size() == 1);
    }

    private static Instant timestamp(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value + " (" + (value == null ? null : value.getClass()) + ")");
    }
}

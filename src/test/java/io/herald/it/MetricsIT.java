package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;
import io.herald.it.support.PrometheusScrape;
import jakarta.json.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Herald's meters as a Prometheus server scrapes them from http://127.0.0.1:9990/prometheus. The counters are
 * cumulative over every test on the shared server, so the tests assert what one campaign adds to them; the gauges
 * are database-wide, read again at most every 5 s, so the tests poll until they show the database's state.
 */
class MetricsIT extends HeraldIT {

    private static final String SENT = "herald_messages_sent_total";
    private static final String FAILED = "herald_messages_failed_total";
    private static final String LATENCY_COUNT = "herald_send_latency_seconds_count";
    private static final String LATENCY_SUM = "herald_send_latency_seconds_sum";
    private static final String PENDING = "herald_deliveries_pending";
    private static final String RUNNING = "herald_campaigns_running";
    private static final String PAUSED = "herald_campaigns_paused";

    @Test
    void eachAttemptIsCountedByOutcomeAndTimedAndSkippedMessagesAreCounted() {
        int n = 10;
        long listId = listOf(n);
        // rows another tool wrote, with addresses the send step skips
        insertUnchecked(listId, "nodomain@", "No Domain");
        insertUnchecked(listId, "two@@" + domain, "Two Ats");
        smtp.refuse(address(3));
        smtp.refuse(address(7));
        smtp.deferFirstAttempt("451 4.3.0 Try again later");
        try {
            long campaignId = campaign(personalisedTemplate(), listId,
                    Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).build());
            awaitNoCampaignSending();   // the counters are the server's: nothing else may send meanwhile
            PrometheusScrape before = PrometheusScrape.fetch();

            send(campaignId);
            awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
            PrometheusScrape after = PrometheusScrape.fetch();

            // every valid recipient was deferred once, then 8 were accepted and 2 refused (550 5.1.1)
            assertEquals(Map.of("SENT", 8L, "FAILED", 2L, "SKIPPED", 2L), db.deliveryCounts(campaignId));
            assertEquals(8, delta(before, after, SENT));
            assertEquals(10, delta(before, after, FAILED, "class", "deferred"));
            assertEquals(2, delta(before, after, FAILED, "class", "failed"));
            assertEquals(2, delta(before, after, FAILED, "class", "skipped"));
            assertEquals(0, delta(before, after, FAILED, "class", "unknown"));
            // one timing per SMTP attempt, the latencies of the audit log
            assertEquals(20, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ?", campaignId));
            assertEquals(20, delta(before, after, LATENCY_COUNT));
            double auditSeconds = db.number("SELECT COALESCE(SUM(latency_ms), 0) FROM audit_entry WHERE campaign_id = ?",
                    campaignId) / 1000.0;
            assertEquals(auditSeconds, delta(before, after, LATENCY_SUM), 1e-6);
        } finally {
            smtp.deferFirstAttempt(null);
        }
    }

    @Test
    void aCampaignsUnfinishedDeliveriesAreGaugedWhileItRunsOrIsPaused() {
        smtp.deferFirstAttempt("451 4.3.0 Try again later");
        long campaignId = campaign(personalisedTemplate(), listOf(5));   // deferred ones are retried after 30 s
        try {
            send(campaignId);
            Poll.until(Duration.ofSeconds(30), "5 deliveries DEFERRED",
                    () -> db.deliveryCounts(campaignId).equals(Map.of("DEFERRED", 5L)) ? Boolean.TRUE : null);
            awaitGauges(campaignId, 5.0);                   // RUNNING, waiting for its retries

            api.expect(202, api.post("campaigns/" + campaignId + "/pause"));
            awaitStatus(campaignId, "PAUSED", Duration.ofMinutes(1));
            awaitGauges(campaignId, 5.0);

            api.expect(200, api.post("campaigns/" + campaignId + "/cancel"));
            awaitGauges(campaignId, null);                  // no longer RUNNING or PAUSED: its gauge is gone
        } finally {
            smtp.deferFirstAttempt(null);
            if (!campaignView(campaignId).getString("status").equals("CANCELLED")) {
                api.post("campaigns/" + campaignId + "/cancel");
            }
        }
    }

    /** Polls the scrape until the campaign's pending gauge (null: none) and the state gauges match the database. */
    private void awaitGauges(long campaignId, Double pending) {
        String id = Long.toString(campaignId);
        Poll.until(Duration.ofSeconds(20), "gauges: campaign " + id + " pending " + pending + ", states as in the database",
                () -> {
                    PrometheusScrape scrape = PrometheusScrape.fetch();
                    var series = scrape.matching(PENDING, "campaign", id);
                    boolean pendingAsExpected = pending == null ? series.isEmpty()
                            : series.size() == 1 && series.get(0).value() == pending;
                    return pendingAsExpected
                            && scrape.value(RUNNING) == campaigns("RUNNING")
                            && scrape.value(PAUSED) == campaigns("PAUSED") ? Boolean.TRUE : null;
                });
        if (pending != null) {
            assertEquals(pending, db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ? "
                    + "AND status IN ('PENDING', 'SENDING', 'DEFERRED')", campaignId), 0.0);
        }
    }

    private long campaigns(String status) {
        return db.number("SELECT COUNT(*) FROM campaign WHERE status = ?", status);
    }

    private void awaitNoCampaignSending() {
        Poll.until(Duration.ofMinutes(1), "no campaign RUNNING", () -> campaigns("RUNNING") == 0 ? Boolean.TRUE : null);
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        double added = after.value(name, labels) - before.value(name, labels);
        assertFalse(Double.isNaN(added), name);
        assertTrue(added >= 0, name + " went down: " + added);
        return added;
    }
}

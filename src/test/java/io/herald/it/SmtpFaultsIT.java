package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.SmtpSink;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMTP faults injected by a real server, Postfix's smtp-sink: every reply is recorded on the delivery and in the
 * audit log, 4xx is retried with backoff, 5xx never, and a connection lost after the message was transmitted is
 * UNKNOWN (policy report) or re-sent with the same Message-ID (policy resend). The server under test reads replies
 * with HERALD_SMTP_TIMEOUT_MS=4000 (see pom.xml).
 */
class SmtpFaultsIT extends HeraldIT {

    private SmtpSink sink;

    @BeforeEach
    void greenMailMakesRoomForSmtpSink() {
        smtp.stop();
    }

    @AfterEach
    void backToGreenMail() {
        if (sink != null) {
            sink.close();
        }
        smtp.start();
    }

    /** Retries after 1 s, then 2 s; two attempts at most; never pauses for connection failures in these tests. */
    private JsonObject quickRetries(String unknownPolicy) {
        return Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).add("retryMaxAttempts", 2)
                .add("maxSendErrors", 10).add("unknownPolicy", unknownPolicy).build();
    }

    private long sendTo(int recipients, JsonObject settings) {
        long campaignId = campaign(personalisedTemplate(), listOf(recipients), settings);
        send(campaignId);
        return campaignId;
    }

    private List<Map<String, Object>> attempts(long campaignId, String email) {
        return db.rows("SELECT reply_code, enhanced_code, reply_text, outcome, message_id, attempted_at FROM audit_entry "
                + "WHERE campaign_id = ? AND rcpt_to = ? ORDER BY attempted_at", campaignId, email);
    }

    @Test
    void softRejectionsAtRcptAreRetriedWithBackoffThenGivenUp() {
        sink = SmtpSink.start("-r", "rcpt");                              // 450 4.3.0 to every RCPT
        long campaignId = sendTo(3, quickRetries("report"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(Map.of("FAILED", 3L), db.deliveryCounts(campaignId));
        for (var d : db.rows("SELECT email, attempts, smtp_code, enhanced_code, reason FROM delivery WHERE campaign_id = ?", campaignId)) {
            assertEquals(2, ((Number) d.get("attempts")).intValue(), d.toString());
            assertEquals(450, ((Number) d.get("smtp_code")).intValue(), d.toString());
            assertEquals("4.3.0", d.get("enhanced_code"));
            assertEquals("gave up after 2 attempts: 450 4.3.0 Error: command failed", d.get("reason"));
            var tries = attempts(campaignId, (String) d.get("email"));
            assertEquals(List.of("DEFERRED", "FAILED"), tries.stream().map(t -> t.get("outcome")).toList());
            Duration gap = Duration.between(instant(tries.get(0)), instant(tries.get(1)));
            assertTrue(gap.compareTo(Duration.ofSeconds(1)) >= 0, "the retry waited for its backoff: " + gap);
        }
        assertEquals(0, sink.accepted());
    }

    @Test
    void hardRejectionsAtRcptFailAtOnceAndAreNeverRetried() {
        sink = SmtpSink.start("-f", "rcpt");                              // 500 5.3.0 to every RCPT
        long campaignId = sendTo(3, quickRetries("report"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(Map.of("FAILED", 3L), db.deliveryCounts(campaignId));
        assertEquals(3, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND reply_code = 500", campaignId));
        assertEquals(3, db.number("SELECT SUM(attempts) FROM delivery WHERE campaign_id = ?", campaignId));
    }

    @Test
    void aRefusalAfterDataFailsTheDeliveryWithTheReply() {
        sink = SmtpSink.start("-f", ".");                                 // 500 5.3.0 after the message
        long campaignId = sendTo(2, quickRetries("report"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        var rows = db.rows("SELECT smtp_code, reason FROM delivery WHERE campaign_id = ?", campaignId);
        assertEquals(2, rows.size());
        for (var r : rows) {
            assertEquals(500, ((Number) r.get("smtp_code")).intValue());
            assertEquals("rejected: 500 5.3.0 Error: command failed", r.get("reason"));
        }
    }

    @Test
    void aConnectionDroppedAfterTheMessageIsUnknownUnderReportAndNeverResent() {
        sink = SmtpSink.start("-q", ".");                                 // hangs up instead of answering the "."
        long campaignId = sendTo(2, quickRetries("report"));
        var done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(2, done.getJsonObject("counts").getInt("UNKNOWN"), done.toString());
        for (var d : db.rows("SELECT attempts, reason FROM delivery WHERE campaign_id = ?", campaignId)) {
            assertEquals(1, ((Number) d.get("attempts")).intValue());
            assertTrue(d.get("reason").toString().startsWith("unknown: connection lost after the message was sent"), d.toString());
        }
    }

    @Test
    void aConnectionDroppedAfterTheMessageIsResentWithTheSameMessageIdUnderResend() {
        sink = SmtpSink.start("-q", ".");
        long campaignId = sendTo(1, quickRetries("resend"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        var tries = attempts(campaignId, address(0));
        assertEquals(List.of("DEFERRED", "FAILED"), tries.stream().map(t -> t.get("outcome")).toList());
        assertEquals(tries.get(0).get("message_id"), tries.get(1).get("message_id"), "a re-send keeps its Message-ID");
    }

    @Test
    void aReplyDelayedPastTheReadTimeoutNeverHangsTheJob() {
        sink = SmtpSink.start("-W", ".:8");                               // answers the "." after 8 s; we wait 4 s
        long campaignId = sendTo(1, quickRetries("report"));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        var d = db.rows("SELECT status, reason FROM delivery WHERE campaign_id = ?", campaignId).get(0);
        assertEquals("UNKNOWN", d.get("status"));
        assertTrue(d.get("reason").toString().contains("timed out"), d.toString());
    }

    @Test
    void aRefusedSenderFailsTheCampaignInsteadOfEveryRecipient() {
        sink = SmtpSink.start("-f", "mail");                              // 500 5.3.0 to MAIL FROM
        long campaignId = sendTo(5, quickRetries("report"));
        var failed = awaitStatus(campaignId, "FAILED", Duration.ofMinutes(1));

        assertTrue(failed.getString("statusReason").contains("refuses Herald"), failed.toString());
        // each partition (4 by default) stops at its first refusal: at most one attempt per partition, the rest PENDING
        Map<String, Long> counts = db.deliveryCounts(campaignId);
        long attempted = counts.getOrDefault("FAILED", 0L);
        assertTrue(attempted >= 1 && attempted <= 4, counts.toString());
        assertEquals(5L, attempted + counts.getOrDefault("PENDING", 0L), counts.toString());
    }

    private static java.time.Instant instant(Map<String, Object> row) {
        Object t = row.get("attempted_at");
        return t instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) t).toInstant();
    }
}

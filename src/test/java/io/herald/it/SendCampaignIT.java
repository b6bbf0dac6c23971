package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The send-campaign job end to end: everyone gets exactly one message of their own. */
class SendCampaignIT extends HeraldIT {

    @Test
    void thousandRecipientsEachReceiveExactlyOnePersonalisedMessage() throws Exception {
        int n = 1000;
        long campaignId = campaign(personalisedTemplate(), listOf(n));

        send(campaignId);
        var done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(3));

        assertEquals(n, done.getJsonObject("counts").getJsonNumber("SENT").longValue(), done.toString());
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaignId));
        assertEquals(n, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND outcome = 'SENT'", campaignId));

        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage m : smtp.received()) {
            String to = ((InternetAddress) m.getAllRecipients()[0]).getAddress();
            if (to.endsWith("@" + domain) && byRecipient.put(to, m) != null) {
                throw new AssertionError(to + " received more than one message");
            }
        }
        assertEquals(n, byRecipient.size(), "recipients who received a message");
        for (int i = 0; i < n; i++) {
            MimeMessage m = byRecipient.get(address(i));
            assertEquals("Hello Person " + i, m.getSubject());
            var from = (InternetAddress) m.getFrom()[0];
            assertEquals("news@herald.example", from.getAddress());
            assertEquals("Herald News", from.getPersonal());
            assertTrue(m.getMessageID().endsWith("@herald.example>"), m.getMessageID());
            var alternative = (MimeMultipart) m.getContent();
            assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
            assertEquals("Dear Person " + i + ", your code is C-" + i + ".", alternative.getBodyPart(0).getContent().toString().trim());
            assertTrue(alternative.getBodyPart(1).getContent().toString().contains("<b>C-" + i + "</b>"));
        }
        // the Message-ID each recipient received is the one on record
        var row = db.rows("SELECT message_id FROM delivery WHERE campaign_id = ? AND email = ?", campaignId, address(7)).get(0);
        assertEquals(byRecipient.get(address(7)).getMessageID(), row.get("message_id"));
    }

    @Test
    void aListOfSeveralSlicesIsSentOnceEachAndWhoJoinsAfterTheLaunchIsNot() {
        int n = 6500;                                 // three slices: DeliveryStore.FIRST_SLICE (500), SLICE (5000), the rest
        long listId = listOf(n);
        long campaignId = campaign(personalisedTemplate(), listId, Json.createObjectBuilder()
                .add("maxPerSecond", 1500).build());
        send(campaignId);
        Poll.until(Duration.ofMinutes(1), "the first slice prepared", () ->
                db.number("SELECT COUNT(*) FROM campaign WHERE id = ? AND prepare_until IS NOT NULL", campaignId) == 1
                        ? Boolean.TRUE : null);
        api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", "late@" + domain)).build()));

        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(3));
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaignId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ? AND email = ?", campaignId,
                "late@" + domain), "who joined after the launch is not sent to");
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i));
        }
        assertEquals(1, db.number("SELECT COUNT(*) FROM campaign WHERE id = ? AND prepared_through = prepare_until",
                campaignId), "every slice prepared");
    }

    @Test
    void invalidAddressesAreSkippedAndRejectedRecipientsFailWhileEveryoneElseIsDeliveredOnce() throws Exception {
        int n = 40;
        long listId = listOf(n);
        // rows written by another tool (an SQL load, an older importer) bypass the API's validation:
        // the send step checks every address again
        insertUnchecked(listId, "nodomain@", "No Domain");
        insertUnchecked(listId, "two@@" + domain, "Two Ats");
        smtp.refuse(address(3));
        smtp.refuse(address(17));
        long campaignId = campaign(personalisedTemplate(), listId);

        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", (long) n - 2, "FAILED", 2L, "SKIPPED", 2L), db.deliveryCounts(campaignId));
        var failed = db.rows("SELECT email, smtp_code, enhanced_code, reason FROM delivery "
                + "WHERE campaign_id = ? AND status = 'FAILED' ORDER BY email", campaignId);
        assertEquals(address(17), failed.get(0).get("email"));
        assertEquals(address(3), failed.get(1).get("email"));
        for (var f : failed) {
            assertEquals(550, ((Number) f.get("smtp_code")).intValue());
            assertEquals("5.1.1", f.get("enhanced_code"));
            assertTrue(f.get("reason").toString().contains("User unknown"), f.toString());
        }
        var skipped = db.rows("SELECT email, reason FROM delivery WHERE campaign_id = ? AND status = 'SKIPPED' ORDER BY email", campaignId);
        assertEquals(2, skipped.size());
        for (var s : skipped) {
            assertTrue(s.get("reason").toString().startsWith("invalid address"), s.toString());
        }
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            int expected = i == 3 || i == 17 ? 0 : 1;
            assertEquals(expected, received.getOrDefault(address(i), 0), address(i));
        }
        // the refusals are in the audit log with the server's reply
        assertEquals(2, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND reply_code = 550", campaignId));
        // 5.1.1 says the mailbox does not exist: those recipients are BOUNCED, so later campaigns skip them
        assertEquals(List.of(address(17), address(3)), db.rows("SELECT email FROM recipient WHERE list_id = ? "
                + "AND status = 'BOUNCED' ORDER BY email", listId).stream().map(r -> r.get("email")).toList());
        assertRecipientCountsExact(listId);
        long nextCampaign = campaign(personalisedTemplate(), listId);
        send(nextCampaign);
        var next = awaitStatus(nextCampaign, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(2, next.getJsonObject("excluded").getInt("BOUNCED"), next.toString());
    }

    @Test
    void stoppedJobRestartsFromItsCheckpointAndMailsEveryoneExactlyOnce() throws Exception {
        int n = 600;
        long campaignId = campaign(personalisedTemplate(), listOf(n));
        smtp.slowDown(Duration.ofMillis(15));
        try {
            send(campaignId);
            awaitSent(campaignId, 100, Duration.ofMinutes(1));

            api.expect(202, api.post("campaigns/" + campaignId + "/pause"));     // JobOperator.stop
            var paused = awaitStatus(campaignId, "PAUSED", Duration.ofMinutes(1));
            long sentBeforeResume = paused.getJsonObject("counts").getJsonNumber("SENT").longValue();
            assertTrue(sentBeforeResume < n, "the job was stopped before the end: " + paused);
            var counts = db.deliveryCounts(campaignId);          // the rest: PENDING, or in a slice not made yet
            assertEquals(sentBeforeResume, counts.get("SENT"), counts.toString());
            assertTrue(Set.of("SENT", "PENDING").containsAll(counts.keySet()), "the rest is still PENDING: " + counts);
            assertEquals(n - sentBeforeResume, paused.getJsonObject("counts").getJsonNumber("PENDING").longValue(),
                    "the API counts the recipients of slices not made yet as PENDING: " + paused);

            smtp.slowDown(Duration.ZERO);
            api.expect(202, api.post("campaigns/" + campaignId + "/resume"));    // JobOperator.restart
            awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaignId));
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + " messages received");
        }
        assertEquals(n, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ?", campaignId));
    }

    @Test
    void sendingACampaignTwiceIsRefused() {
        long campaignId = campaign(personalisedTemplate(), listOf(3));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        var again = api.expect(409, api.post("campaigns/" + campaignId + "/send")).object();
        assertEquals("status", again.getString("field"));
        assertEquals(Map.of("SENT", 3L), db.deliveryCounts(campaignId));
        assertEquals(3, smtp.countsByRecipient().entrySet().stream().filter(e -> e.getKey().endsWith(domain)).count());
    }

    @Test
    void throttlingRepliesAreRetriedLaterAndSlowTheConnectionDown() {
        smtp.deferFirstAttempt("421 4.7.0 Too many messages, slow down");
        try {
            // one partition: the throttle is per connection, and the gaps are measured on one connection
            long campaignId = campaign(personalisedTemplate(), listOf(3),
                    Json.createObjectBuilder().add("retryFirstDelaySeconds", 1).add("partitions", 1).build());
            send(campaignId);
            awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

            assertEquals(Map.of("SENT", 3L), db.deliveryCounts(campaignId));
            var tries = db.rows("SELECT rcpt_to, reply_code, attempted_at FROM audit_entry WHERE campaign_id = ? "
                    + "ORDER BY attempted_at", campaignId);
            assertEquals(6, tries.size(), tries.toString());
            assertEquals(List.of(421, 421, 421), tries.subList(0, 3).stream()
                    .map(t -> ((Number) t.get("reply_code")).intValue()).toList(), "every first attempt was throttled");
            // after a 421 the connection waits (1 s, then 2 s …) before its next message instead of pressing on
            for (int i = 1; i < 3; i++) {
                var gap = java.time.Duration.between(instant(tries.get(i - 1)), instant(tries.get(i)));
                assertTrue(gap.toMillis() >= 900, "pause after a throttling reply: " + gap);
            }
        } finally {
            smtp.deferFirstAttempt(null);
        }
    }

    @Test
    void refusalsAfterTheMessageContentAreFailedWithTheServersReply() {
        long campaignId = campaign(personalisedTemplate(), listOf(3));
        smtp.refuseContent(address(0), "552 5.3.4 Message size exceeds fixed limit");
        smtp.refuseContent(address(1), "554 5.7.1 Message rejected as spam");
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        var rows = db.rows("SELECT email, status, attempts, smtp_code, enhanced_code, reason FROM delivery "
                + "WHERE campaign_id = ? ORDER BY email", campaignId);
        assertEquals(List.of("FAILED", "FAILED", "SENT"), rows.stream().map(r -> r.get("status")).toList(), rows.toString());
        assertEquals(552, ((Number) rows.get(0).get("smtp_code")).intValue());
        assertEquals("5.3.4", rows.get(0).get("enhanced_code"));
        assertEquals(554, ((Number) rows.get(1).get("smtp_code")).intValue());
        assertEquals("rejected: 554 5.7.1 Message rejected as spam", rows.get(1).get("reason"));
        assertEquals(List.of(1, 1, 1), rows.stream().map(r -> ((Number) r.get("attempts")).intValue()).toList(),
                "a permanent refusal is never retried");
        assertEquals(Map.of(address(2), 1), smtp.countsByRecipient().entrySet().stream()
                .filter(e -> e.getKey().endsWith(domain)).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static java.time.Instant instant(Map<String, Object> row) {
        Object t = row.get("attempted_at");
        return t instanceof java.time.OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) t).toInstant();
    }
}

package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.HeraldApi.Reply;
import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /campaigns, PUT and DELETE /campaigns/{id}, POST /campaigns/{id}/clone: pages, edits and their refusals. */
class CampaignApiIT extends HeraldIT {

    @AfterEach
    void answerAtOnce() {
        smtp.slowDown(Duration.ZERO);
    }

    @Test
    void campaignsArePagedNewestFirstAndFilteredByNameAndStatus() {
        long templateId = personalisedTemplate();
        long listId = listOf(1);
        long first = named(templateId, listId, "Spring news " + domain);
        long second = named(templateId, listId, "50% off " + domain);
        long third = named(templateId, listId, "Autumn news " + domain);

        JsonObject page0 = page("campaigns?size=2&q=" + encode(domain.toUpperCase()));
        assertEquals(3, page0.getInt("total"));
        assertEquals(0, page0.getInt("page"));
        assertEquals(2, page0.getInt("size"));
        assertEquals(List.of(third, second), ids(page0));
        assertEquals(List.of(first), ids(page("campaigns?size=2&page=1&q=" + encode(domain))));
        JsonObject beyond = page("campaigns?size=2&page=7&q=" + encode(domain));
        assertEquals(List.of(), ids(beyond));
        assertEquals(3, beyond.getInt("total"));

        assertEquals(List.of(second), ids(page("campaigns?q=" + encode("50% OFF " + domain))), "% matches itself");
        assertEquals(List.of(third, first), ids(page("campaigns?q=" + encode("news " + domain))));
        assertEquals(3, page("campaigns?status=draft&q=" + encode(domain)).getInt("total"));
        assertEquals(0, page("campaigns?status=COMPLETED&q=" + encode(domain)).getInt("total"));

        JsonObject item = page("campaigns?q=" + encode("Spring news " + domain)).getJsonArray("items").getJsonObject(0);
        assertEquals("DRAFT", item.getString("status"));
        assertEquals(templateId, item.getJsonNumber("templateId").longValue());
        assertEquals(listId, item.getJsonNumber("listId").longValue());
        assertEquals("NORMAL", item.getString("priority"));
        assertEquals(0, item.getJsonObject("counts").getInt("PENDING"));
        assertEquals(0, item.getInt("total"));
        assertEquals(0, item.getJsonNumber("progress").doubleValue());
        assertTrue(item.isNull("lastError") && item.isNull("sendAt") && item.isNull("cron"), item.toString());
        assertEquals(200, HeraldApi.operator().get("campaigns?q=" + encode(domain)).status(), "an operator reads the list");
    }

    @Test
    void aWrongPageSizeOrStatusIsRefusedNamingTheField() {
        for (String size : List.of("0", "501", "-1", "ten")) {
            assertRefused(400, "size", api.get("campaigns?size=" + size));
        }
        assertRefused(400, "page", api.get("campaigns?page=-1"));
        assertRefused(400, "page", api.get("campaigns?page=x"));
        assertRefused(400, "status", api.get("campaigns?status=SLEEPING"));
        assertEquals(500, page("campaigns?size=500").getInt("size"));
    }

    @Test
    void aSentCampaignShowsItsCountsAndItsCloneSendsTheSameMessageToTheSameList() throws Exception {
        long templateId = personalisedTemplate();
        long listId = listOf(3);
        long original = campaign(templateId, listId, Json.createObjectBuilder()
                .add("priority", "HIGH").add("retryMaxAttempts", 3).build());
        send(original);
        awaitStatus(original, "COMPLETED", Duration.ofSeconds(60));

        JsonObject item = page("campaigns?q=" + encode(domain)).getJsonArray("items").getJsonObject(0);
        assertEquals(3, item.getJsonObject("counts").getInt("SENT"));
        assertEquals(3, item.getInt("total"));
        assertEquals(3, item.getInt("done"));
        assertEquals(1.0, item.getJsonNumber("progress").doubleValue());
        assertTrue(item.isNull("lastError"));

        assertEquals(403, HeraldApi.operator().post("campaigns/" + original + "/clone").status());
        long copy = api.expect(201, api.post("campaigns/" + original + "/clone")).id();
        JsonObject view = campaignView(copy);
        JsonObject source = campaignView(original);
        assertEquals("campaign " + domain + " (copy)", view.getString("name"));
        assertEquals("DRAFT", view.getString("status"));
        for (String field : List.of("templateId", "listId", "fromAddress", "fromName", "replyTo", "priority", "settings")) {
            assertEquals(source.get(field), view.get(field), field);
        }
        assertEquals(0, view.getJsonObject("counts").getInt("SENT"));

        send(copy);
        awaitStatus(copy, "COMPLETED", Duration.ofSeconds(60));
        Poll.until(Duration.ofSeconds(30), "two messages each", () -> smtp.countsByRecipient()
                .getOrDefault(address(2), 0) == 2 ? Boolean.TRUE : null);
        List<String> subjects = smtp.received().stream().filter(m -> to(m).equals(address(1))).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(List.of("Hello Person 1", "Hello Person 1"), subjects);
        assertRefused(404, "id", api.post("campaigns/99999999/clone"));
    }

    @Test
    void aDraftIsChangedAndKeepsItsSchedule() {
        long templateId = personalisedTemplate();
        long listId = listOf(1);
        long otherList = listOf(2);
        long id = campaign(templateId, listId);
        String sendAt = "2099-01-01T09:00:00Z";
        api.expect(200, api.put("campaigns/" + id + "/schedule", Json.createObjectBuilder().add("sendAt", sendAt).build()));

        JsonObject changed = api.expect(200, api.put("campaigns/" + id, body("renamed " + domain, templateId, otherList)
                .add("priority", "LOW").add("maxSendErrors", 9).build())).object();
        assertEquals("renamed " + domain, changed.getString("name"));
        assertEquals(otherList, changed.getJsonNumber("listId").longValue());
        assertEquals("LOW", changed.getString("priority"));
        assertEquals(9, changed.getJsonObject("settings").getInt("maxSendErrors"));
        assertEquals(sendAt, changed.getJsonObject("schedule").getString("sendAt"), "still scheduled");
        assertEquals(sendAt, page("campaigns?q=" + encode("renamed " + domain)).getJsonArray("items")
                .getJsonObject(0).getString("sendAt"));
    }

    @Test
    void aScheduledCampaignChangedToSpamIsRefusedUnlessForced() {
        long templateId = personalisedTemplate();
        long spam = api.expect(201, api.post("templates", Json.createObjectBuilder().add("name", "spam " + domain)
                .add("subject", PreflightIT.SPAM_SUBJECT).add("html", PreflightIT.SPAM_HTML).build())).id();
        long listId = listOf(1);
        long id = campaign(templateId, listId);
        api.expect(200, api.put("campaigns/" + id + "/schedule", Json.createObjectBuilder()
                .add("sendAt", "2099-01-01T09:00:00Z").build()));
        Map<String, Object> before = campaignRow(id);

        Reply refused = api.put("campaigns/" + id, body("spam " + domain, spam, listId).build());
        assertRefused(409, "preflight", refused);
        assertEquals(before, campaignRow(id));

        JsonObject forced = api.expect(200, api.put("campaigns/" + id + "?force=true",
                body("spam " + domain, spam, listId).build())).object();
        assertEquals(spam, forced.getJsonNumber("templateId").longValue());
    }

    @Test
    void aWrongEditIsRefusedAndChangesNothing() {
        long templateId = personalisedTemplate();
        long listId = listOf(1);
        long id = campaign(templateId, listId);
        Map<String, Object> before = campaignRow(id);

        assertRefused(400, "name", api.put("campaigns/" + id, body(" ", templateId, listId).build()));
        assertRefused(400, "fromAddress", api.put("campaigns/" + id, body("x", templateId, listId)
                .add("fromAddress", "not an address").build()));
        assertRefused(400, "retryFactor", api.put("campaigns/" + id, body("x", templateId, listId)
                .add("retryFactor", 11).build()));
        assertRefused(400, "templateId", api.put("campaigns/" + id, body("x", templateId, listId)
                .add("templateId", JsonValue.NULL).build()));
        assertRefused(404, "id", api.put("campaigns/" + id, body("x", templateId, 99999999L).build()));
        assertRefused(404, "id", api.put("campaigns/99999999", body("x", templateId, listId).build()));
        assertEquals(403, HeraldApi.operator().put("campaigns/" + id, body("x", templateId, listId).build()).status());
        assertEquals(before, campaignRow(id));

        send(id);
        awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
        Map<String, Object> sent = campaignRow(id);
        Reply refused = api.put("campaigns/" + id, body("late " + domain, templateId, listId).build());
        assertRefused(409, "status", refused);
        assertTrue(refused.object().getString("error").contains("COMPLETED"), refused.body().toString());
        assertEquals(sent, campaignRow(id));
    }

    @Test
    void aDraftIsDeletedAndACompletedCampaignIsRefused() {
        long templateId = personalisedTemplate();
        long listId = listOf(2);
        long draft = campaign(templateId, listId);
        assertEquals(403, HeraldApi.operator().delete("campaigns/" + draft).status());
        api.expect(204, api.delete("campaigns/" + draft));
        assertEquals(0, db.number("SELECT COUNT(*) FROM campaign WHERE id = ?", draft));
        assertRefused(404, "id", api.get("campaigns/" + draft));
        assertRefused(404, "id", api.delete("campaigns/" + draft));

        long completed = campaign(templateId, listId);
        send(completed);
        awaitStatus(completed, "COMPLETED", Duration.ofSeconds(60));
        Map<String, Long> before = db.tableCounts();
        Reply refused = api.delete("campaigns/" + completed);
        assertRefused(409, "status", refused);
        assertTrue(refused.object().getString("error").contains("COMPLETED"), refused.body().toString());
        assertEquals(before, db.tableCounts());
        assertEquals(2, db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ?", completed));
    }

    @Test
    void aCancelledCampaignIsDeletedWithItsDeliveriesWhileItsAuditEntriesStay() {
        long templateId = personalisedTemplate();
        long listId = listOf(20);
        long id = campaign(templateId, listId, Json.createObjectBuilder().add("partitions", 1).build());
        smtp.slowDown(Duration.ofSeconds(1));
        send(id);
        Poll.until(Duration.ofSeconds(60), "a first message of campaign " + id, () -> smtp.received().stream()
                .anyMatch(m -> to(m).endsWith("@" + domain)) ? Boolean.TRUE : null);

        long recipient = db.number("SELECT MAX(id) FROM recipient WHERE list_id = ?", listId);
        Reply whileSending = api.delete("campaigns/" + id);
        assertRefused(409, "status", whileSending);
        assertTrue(whileSending.object().getString("error").contains("RUNNING"), whileSending.body().toString());
        Reply recipientWhileSending = api.delete("lists/" + listId + "/recipients/" + recipient);
        assertRefused(409, "id", recipientWhileSending);
        assertTrue(recipientWhileSending.object().getString("error").contains("[" + id + " (RUNNING)]"),
                recipientWhileSending.body().toString());

        long snapshot = db.number("SELECT sent_template_id FROM campaign WHERE id = ?", id);
        api.expect(200, api.post("campaigns/" + id + "/cancel"));
        smtp.slowDown(Duration.ZERO);
        Poll.until(Duration.ofSeconds(60), "the cancelled campaign to be deletable", () -> {
            Reply r = api.delete("campaigns/" + id);
            return r.status() == 204 ? r : null;     // 409 while its job execution still stops
        });
        assertEquals(0, db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ?", id));
        assertEquals(0, db.number("SELECT COUNT(*) FROM campaign WHERE id = ?", id));
        assertEquals(0, db.number("SELECT COUNT(*) FROM delivery_counter WHERE campaign_id = ?", id), "its counters");
        assertEquals(0, db.number("SELECT COUNT(*) FROM template WHERE id = ?", snapshot), "its template snapshot");
        assertEquals(1, db.number("SELECT COUNT(*) FROM template WHERE id = ?", templateId), "the user's template");
        assertTrue(db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ?", id) >= 1,
                "the audit log keeps the attempts");
    }

    @Test
    void aRecurringCampaignWithRunsIsRefusedUntilItsRunsAreGone() {
        long templateId = personalisedTemplate();
        long listId = listOf(1);
        long parent = campaign(templateId, listId);
        db.update("""
                INSERT INTO campaign (name, template_id, list_id, from_address, status, excluded_unsubscribed,
                                      excluded_bounced, retry_first_delay_seconds, retry_max_attempts, created_at,
                                      parent_id, due_at)
                VALUES ('run', ?, ?, 'news@herald.example', 'DRAFT', 0, 0, 30, 5, CURRENT_TIMESTAMP, ?,
                        TIMESTAMP WITH TIME ZONE '2099-01-01 09:00:00+00')""", templateId, listId, parent);
        long run = db.number("SELECT id FROM campaign WHERE parent_id = ?", parent);

        Reply refused = api.delete("campaigns/" + parent);
        assertRefused(409, "id", refused);
        assertTrue(refused.object().getString("error").contains("[" + run + "]"), refused.body().toString());
        assertEquals(1, db.number("SELECT COUNT(*) FROM campaign WHERE id = ?", parent));

        api.expect(204, api.delete("campaigns/" + run));
        api.expect(204, api.delete("campaigns/" + parent));
    }

    private long named(long templateId, long listId, String name) {
        return campaign(templateId, listId, Json.createObjectBuilder().add("name", name).build());
    }

    private Map<String, Object> campaignRow(long id) {
        return db.rows("SELECT * FROM campaign WHERE id = ?", id).get(0);
    }

    private static jakarta.json.JsonObjectBuilder body(String name, long templateId, long listId) {
        return Json.createObjectBuilder().add("name", name).add("templateId", templateId).add("listId", listId)
                .add("fromAddress", "news@herald.example");
    }

    private JsonObject page(String path) {
        return api.expect(200, api.get(path)).object();
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(i -> i.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    static void assertRefused(int status, String field, Reply reply) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(field, reply.object().getString("field"), reply.body().toString());
        assertEquals(status, reply.object().getInt("status"));
    }

    static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private static String to(jakarta.mail.internet.MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

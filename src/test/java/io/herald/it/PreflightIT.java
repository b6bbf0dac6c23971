package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.HeraldApi.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The spam pre-flight against the real spamd (127.0.0.1:783, local rules only, started by .ci/run): a spam-like
 * template scores above the threshold with its rule names and content flags, its launch is refused (409) and
 * nothing is sent until an admin forces it; an operator may not force; a plain template passes. HeraldIT's
 * personalised template, which every other test launches, scores below the threshold.
 */
class PreflightIT extends HeraldIT {

    private static final Logger LOG = Logger.getLogger(PreflightIT.class.getName());
    /** HTML only, a linked image and 115 characters of classic spam phrases: spamd -L scores it about 22. */
    static final String SPAM_SUBJECT = "100% FREE!!! ACT NOW - YOUR UNCLAIMED PRIZE";
    static final String SPAM_HTML = "<html><body><p>Dear Friend,</p>"
            + "<a href=\"http://prize.example.biz/claim\"><img src=\"http://prize.example.biz/rolex.jpg\" width=\"600\""
            + " height=\"800\"></a><p>Unclaimed prize: replica Rolex, 100% GUARANTEED. Money back guarantee! Viagra,"
            + " no prescription needed.</p></body></html>";

    @Test
    void aSpamTemplateIsRefusedAndNothingSentUntilAnAdminForcesIt() throws Exception {
        long campaignId = campaign(spamTemplate(), listOf(2));

        JsonObject preflight = api.expect(200, api.post("campaigns/" + campaignId + "/preflight")).object();
        LOG.info("preflight of the spam template: " + preflight);
        assertTrue(preflight.getJsonNumber("score").doubleValue() > 5.0, preflight.toString());
        assertEquals(5.0, preflight.getJsonNumber("threshold").doubleValue());
        assertTrue(preflight.getBoolean("spam"));
        assertEquals(address(0), preflight.getString("recipient"), "the list's first active recipient");
        assertTrue(preflight.containsKey("checkedAt"), preflight.toString());
        List<String> rules = names(preflight.getJsonArray("rules"));
        assertTrue(rules.containsAll(List.of("REPLICA_WATCH", "DEAR_FRIEND", "SUBJ_ALL_CAPS", "MIME_HTML_ONLY")),
                rules.toString());
        JsonObject replica = rule(preflight, "REPLICA_WATCH");
        assertTrue(replica.getJsonNumber("score").doubleValue() > 0 && !replica.getString("description").isBlank(),
                replica.toString());
        assertEquals(List.of("NO_TEXT_PART", "IMAGE_ONLY"), names(preflight.getJsonArray("flags")),
                "Herald adds List-Unsubscribe, so only the template's own problems");

        Reply refused = api.post("campaigns/" + campaignId + "/send");
        LOG.info("send of the spam template: " + refused.status() + " " + refused.body());
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("preflight", refused.object().getString("field"));
        assertTrue(refused.object().getString("error").contains("REPLICA_WATCH"), refused.body().toString());
        assertTrue(names(refused.object().getJsonObject("preflight").getJsonArray("rules")).contains("REPLICA_WATCH"));
        Reply operatorForce = HeraldApi.operator().post("campaigns/" + campaignId + "/send?force=true");
        assertEquals(403, operatorForce.status(), operatorForce.body().toString());
        assertEquals(409, HeraldApi.operator().post("campaigns/" + campaignId + "/send").status(),
                "operators are checked too");
        assertEquals("DRAFT", campaignView(campaignId).getString("status"));
        assertEquals(Map.of(), db.deliveryCounts(campaignId), "no delivery prepared");
        assertFalse(receivedByDomain(), "nothing sent");

        Reply forced = api.post("campaigns/" + campaignId + "/send?force=true");
        LOG.info("forced send of the spam template: " + forced.status() + " " + forced.body());
        assertEquals(202, forced.status(), forced.body().toString());
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(Map.of("SENT", 2L), db.deliveryCounts(campaignId));
        MimeMessage received = received(address(1));
        assertEquals(SPAM_SUBJECT, received.getSubject());
        assertTrue(received.getHeader("List-Unsubscribe") != null, "the sample had the headers the send step adds");
    }

    @Test
    void aPlainTemplateScoresBelowTheThresholdAndIsLaunched() {
        long campaignId = campaign(personalisedTemplate(), listOf(2));

        JsonObject preflight = api.expect(200, HeraldApi.operator().post("campaigns/" + campaignId
                + "/preflight?recipient=" + address(1))).object();
        LOG.info("preflight of the plain template: " + preflight);
        assertTrue(preflight.getJsonNumber("score").doubleValue() < 5.0, preflight.toString());
        assertFalse(preflight.getBoolean("spam"));
        assertEquals(address(1), preflight.getString("recipient"), "the recipient asked for");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, preflight.getJsonArray("flags"), "text part, unsubscribe, words");

        assertEquals(202, HeraldApi.operator().post("campaigns/" + campaignId + "/send").status());
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(Map.of("SENT", 2L), db.deliveryCounts(campaignId));
    }

    @Test
    void schedulingASpamCampaignIsRefusedLikeItsLaunchUnlessAnAdminForcesIt() {
        long campaignId = campaign(spamTemplate(), listOf(1));
        JsonObject inAnHour = Json.createObjectBuilder().add("sendAt", Instant.now().plusSeconds(3600).toString()).build();

        Reply refused = api.put("campaigns/" + campaignId + "/schedule", inAnHour);
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("preflight", refused.object().getString("field"));
        assertTrue(refused.object().getString("error").contains("schedule with ?force=true"), refused.body().toString());
        JsonObject view = campaignView(campaignId);
        assertTrue(!view.containsKey("schedule") || view.isNull("schedule"), "not scheduled: " + view);

        api.expect(200, api.put("campaigns/" + campaignId + "/schedule?force=true", inAnHour));
        api.expect(204, api.delete("campaigns/" + campaignId + "/schedule"));
    }

    @Test
    void badInputIsNamed() {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        refused(api.post("campaigns/" + campaignId + "/preflight?recipient=nobody@" + domain), 404, "recipient");
        refused(api.post("campaigns/" + campaignId + "/preflight?recipient=not-an-address"), 400, "recipient");
        refused(api.post("campaigns/" + Long.MAX_VALUE + "/preflight"), 404, "id");
        refused(api.post("campaigns/" + campaignId + "/send?force=maybe"), 400, "force");
        long empty = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "empty " + domain)
                .build())).id();
        refused(api.post("campaigns/" + campaign(personalisedTemplate(), empty) + "/preflight"), 409, "recipient");
        assertEquals(401, HeraldApi.anonymous().post("campaigns/" + campaignId + "/preflight").status());
        assertEquals("DRAFT", campaignView(campaignId).getString("status"));
    }

    private long spamTemplate() {
        return api.expect(201, api.post("templates", Json.createObjectBuilder()
                .add("name", "spam " + domain)
                .add("subject", SPAM_SUBJECT)
                .add("html", SPAM_HTML)
                .build())).id();
    }

    private static List<String> names(JsonArray items) {
        return items.stream().map(i -> i.asJsonObject().getString("name")).toList();
    }

    private static JsonObject rule(JsonObject preflight, String name) {
        return preflight.getJsonArray("rules").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private boolean receivedByDomain() throws Exception {
        for (MimeMessage m : smtp.received()) {
            if (((InternetAddress) m.getAllRecipients()[0]).getAddress().endsWith("@" + domain)) {
                return true;
            }
        }
        return false;
    }

    private static void refused(Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(field, reply.object().getString("field"), reply.body().toString());
    }
}

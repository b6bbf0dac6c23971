package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /campaigns/{id}/preview renders what the recipient receives; POST /campaigns/{id}/test sends the real message
 * to a few addresses, on record in the audit log as TEST, without a delivery row or a count.
 */
class CampaignPreviewIT extends HeraldIT {

    @Test
    void thePreviewIsWhatTheRecipientReceivesAndALaunchedCampaignShowsItsSnapshot() throws Exception {
        long templateId = personalisedTemplate();
        long campaignId = campaign(templateId, listOf(3));

        JsonObject preview = api.expect(200, HeraldApi.operator().get("campaigns/" + campaignId + "/preview?recipient="
                + address(1))).object();
        assertEquals(address(1), preview.getJsonObject("recipient").getString("email"));
        assertEquals("Person 1", preview.getJsonObject("recipient").getString("name"));
        assertEquals("Hello Person 1", preview.getString("subject"));
        assertEquals("Dear Person 1, your code is C-1.", preview.getString("text"));
        assertEquals("<p>Dear Person 1, your code is <b>C-1</b>.</p>", preview.getString("html"));
        long recipientId = preview.getJsonObject("recipient").getJsonNumber("id").longValue();
        assertEquals(preview, api.expect(200, api.get("campaigns/" + campaignId + "/preview?recipient=" + recipientId)).object(),
                "by id");
        assertEquals(preview, api.expect(200, api.get("campaigns/" + campaignId + "/preview?recipient="
                + address(1).toUpperCase().replace("R1@", "r1@"))).object(), "the domain in any case");
        assertEquals(address(0), api.expect(200, api.get("campaigns/" + campaignId + "/preview")).object()
                .getJsonObject("recipient").getString("email"), "the first ACTIVE recipient by default");

        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        MimeMessage received = received(address(1));
        assertEquals(preview.getString("subject"), received.getSubject());
        assertEquals(preview.getString("text"), crlfToLf(bodyPart(received, "text/plain")));
        assertEquals(preview.getString("html"), crlfToLf(bodyPart(received, "text/html")));

        api.expect(200, api.put("templates/" + templateId, Json.createObjectBuilder().add("name", "changed")
                .add("subject", "Changed {{name}}").add("text", "changed").build()));
        assertEquals("Hello Person 1", api.expect(200, api.get("campaigns/" + campaignId + "/preview?recipient="
                + address(1))).object().getString("subject"), "a launched campaign renders its snapshot");
        long draft = campaign(templateId, listOf(3));
        assertEquals("Changed Person 1", api.expect(200, api.get("campaigns/" + draft + "/preview?recipient="
                + address(1))).object().getString("subject"), "a draft renders its template as it is now");
    }

    @Test
    void aPreviewForNobodyInTheListIsNotFound() {
        long templateId = personalisedTemplate();
        long campaignId = campaign(templateId, listOf(2));
        assertEquals("recipient", api.expect(404, api.get("campaigns/" + campaignId + "/preview?recipient=stranger@"
                + domain)).object().getString("field"));
        assertEquals("recipient", api.expect(404, api.get("campaigns/" + campaignId + "/preview?recipient=999999999"))
                .object().getString("field"));
        assertEquals(address(0), api.expect(200, api.get("campaigns/" + campaignId + "/preview?recipient=R0@" + domain))
                .object().getJsonObject("recipient").getString("email"), "one person, one address, whatever its case");
        api.expect(404, api.get("campaigns/999999999/preview"));
        long empty = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "empty " + domain).build())).id();
        assertEquals("recipient", api.expect(404, api.get("campaigns/" + campaign(templateId, empty) + "/preview"))
                .object().getString("field"));
    }

    @Test
    void aTestMessageIsSentAndAuditedButNeverADelivery() throws Exception {
        long campaignId = campaign(personalisedTemplate(), listOf(2));
        String qa = "qa@" + domain;
        String refused = "nobody@" + domain;
        smtp.refuse(refused);

        JsonObject answer = api.expect(200, api.post("campaigns/" + campaignId + "/test", Json.createObjectBuilder()
                .add("addresses", Json.createArrayBuilder().add(qa).add(refused)).build())).object();

        var sent = answer.getJsonArray("sent");
        assertEquals(2, sent.size(), answer.toString());
        assertEquals(qa, sent.getJsonObject(0).getString("address"));
        assertEquals(250, sent.getJsonObject(0).getInt("smtpCode"), answer.toString());
        assertEquals(refused, sent.getJsonObject(1).getString("address"));
        assertEquals(550, sent.getJsonObject(1).getInt("smtpCode"), "a refusal is data in the answer: " + answer);
        assertEquals(address(0), answer.getJsonObject("recipient").getString("email"));
        MimeMessage m = received(qa);
        assertEquals("Hello Person 0", m.getSubject(), "the subject recipients get, placeholders of the first recipient");
        assertEquals("Dear Person 0, your code is C-0.", crlfToLf(bodyPart(m, "text/plain")));

        assertEquals(Map.of(), db.deliveryCounts(campaignId), "no delivery row");
        JsonObject view = campaignView(campaignId);
        assertEquals("DRAFT", view.getString("status"));
        view.getJsonObject("counts").forEach((status, n) -> assertEquals(0, ((jakarta.json.JsonNumber) n).intValue(), status));
        assertEquals(2, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND kind = 'TEST'"
                + " AND delivery_id = 0", campaignId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND kind <> 'TEST'", campaignId));
        JsonObject audit = api.expect(200, api.get("audit?address=" + qa)).object();
        assertEquals(1, audit.getInt("total"), audit.toString());
        assertEquals("TEST", audit.getJsonArray("items").getJsonObject(0).getString("kind"));
        assertEquals("SENT", audit.getJsonArray("items").getJsonObject(0).getString("outcome"));
        assertEquals("FAILED", api.expect(200, api.get("audit?address=" + refused)).object()
                .getJsonArray("items").getJsonObject(0).getString("outcome"));

        assertEquals(1, api.expect(200, api.get("people/" + qa + "/export")).object().getJsonObject("auditEntries")
                .getInt("total"), "a person's export shows the test messages sent to them");
        api.expect(200, api.delete("people/" + qa));
        assertEquals(0, db.number("SELECT COUNT(*) FROM audit_entry WHERE rcpt_to = ?", qa), "erasure reaches them too");
    }

    @Test
    void aTestGoesToOneToTenValidAddressesAndOnlyAnAdminMaySendIt() {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        JsonArrayBuilder eleven = Json.createArrayBuilder();
        for (int i = 0; i < 11; i++) {
            eleven.add("qa" + i + "@" + domain);
        }
        assertEquals("addresses", testWith(api, eleven).getString("field"));
        assertEquals("addresses", testWith(api, Json.createArrayBuilder()).getString("field"));
        assertEquals("addresses", testWith(api, Json.createArrayBuilder().add("not-an-address")).getString("field"));
        assertEquals("addresses", api.expect(400, api.post("campaigns/" + campaignId + "/test",
                Json.createObjectBuilder().build())).object().getString("field"));
        api.expect(403, HeraldApi.operator().post("campaigns/" + campaignId + "/test", Json.createObjectBuilder()
                .add("addresses", Json.createArrayBuilder().add("qa@" + domain)).build()));
        api.expect(404, api.post("campaigns/999999999/test", Json.createObjectBuilder()
                .add("addresses", Json.createArrayBuilder().add("qa@" + domain)).build()));
        assertTrue(smtp.countsByRecipient().keySet().stream().noneMatch(a -> a.endsWith("@" + domain)),
                "nothing was sent");
    }

    private JsonObject testWith(HeraldApi as, JsonArrayBuilder addresses) {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        return as.expect(400, as.post("campaigns/" + campaignId + "/test",
                Json.createObjectBuilder().add("addresses", addresses).build())).object();
    }

    private static String crlfToLf(String s) {
        return s == null ? null : s.replace("\r\n", "\n");
    }
}

package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PUT, DELETE and GET /templates: a campaign sends what it was launched with (an edit while it is paused changes no
 * message it sends, a new campaign gets the edit), the collection is paged and searched without its snapshots, and
 * a template a campaign uses cannot be deleted.
 */
class TemplateEditIT extends HeraldIT {

    @Test
    void anEditAfterLaunchChangesNothingTheCampaignSendsAndANewCampaignGetsIt() throws Exception {
        int n = 100;
        long templateId = api.expect(201, api.post("templates", template("Old {{name}}", "old body {{code}}", "old.txt"))).id();
        // one partition at 50 ms a message: about 5 s of sending, paused after the first 10
        long campaignId = campaign(templateId, listOf(n), Json.createObjectBuilder().add("partitions", 1).build());
        smtp.slowDown(Duration.ofMillis(50));
        try {
            send(campaignId);
            awaitSent(campaignId, 10, Duration.ofMinutes(1));
            api.expect(202, api.post("campaigns/" + campaignId + "/pause"));
            JsonObject paused = awaitStatus(campaignId, "PAUSED", Duration.ofMinutes(1));
            assertTrue(paused.getJsonObject("counts").getJsonNumber("SENT").longValue() < n, paused.toString());

            JsonObject edited = api.expect(200, api.put("templates/" + templateId,
                    template("New {{name}}", "new body {{code}}", "new.txt"))).object();
            assertEquals("New {{name}}", edited.getString("subject"));
            assertEquals(List.of((long) campaignId), longs(edited, "launchedCampaigns"), edited.toString());
            assertEquals("campaigns already launched keep the version they were launched with", edited.getString("note"));
            assertEquals("new.txt", edited.getJsonArray("attachments").getJsonObject(0).getString("filename"));
            assertTrue(Instant.parse(edited.getString("updatedAt")).isAfter(Instant.parse(edited.getString("createdAt"))),
                    edited.toString());

            JsonObject view = campaignView(campaignId);
            assertEquals(templateId, view.getJsonNumber("templateId").longValue(), "templateId stays the template");
            long snapshotId = view.getJsonNumber("sentTemplateId").longValue();
            assertNotEquals(templateId, snapshotId);
            JsonObject snapshot = api.expect(200, api.get("templates/" + snapshotId)).object();
            assertEquals("Old {{name}}", snapshot.getString("subject"));
            assertEquals(templateId, snapshot.getJsonNumber("snapshotOf").longValue());
            assertEquals("id", api.expect(409, api.put("templates/" + snapshotId, template("X", "x", "x.txt")))
                    .object().getString("field"));
            api.expect(409, api.delete("templates/" + snapshotId));

            smtp.slowDown(Duration.ZERO);
            api.expect(202, api.post("campaigns/" + campaignId + "/resume"));
            JsonObject done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));
            assertEquals(snapshotId, done.getJsonNumber("sentTemplateId").longValue(), "a resume never snapshots again");
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        for (int i = 0; i < n; i++) {
            MimeMessage m = received(address(i));
            assertEquals("Old Person " + i, m.getSubject(), address(i));
            assertEquals("old body C-" + i, bodyPart(m, "text/plain").strip(), address(i));
            assertEquals(List.of("old.txt"), attachmentNames(m), address(i));
        }

        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "new " + domain).build())).id();
        api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", "later@" + domain).add("name", "Later")
                        .add("attributes", Json.createObjectBuilder().add("code", "L")))
                .build()));
        long next = campaign(templateId, listId);
        send(next);
        awaitStatus(next, "COMPLETED", Duration.ofMinutes(1));
        MimeMessage later = received("later@" + domain);
        assertEquals("New Later", later.getSubject());
        assertEquals("new body L", bodyPart(later, "text/plain").strip());
        assertEquals(List.of("new.txt"), attachmentNames(later));
    }

    @Test
    void templatesArePagedNewestFirstSearchedByNameAndListWithoutSnapshots() {
        String token = "Paging-" + domain;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.expect(201, api.post("templates", Json.createObjectBuilder().add("name", token + " " + i)
                    .add("subject", "s").add("text", "t").build())).id());
        }
        long campaignId = campaign(ids.get(0), listOf(1));
        send(campaignId);                                   // its snapshot has the same name, and is not listed
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        String q = token.toUpperCase(java.util.Locale.ROOT).replace("PAGING", "aging");
        JsonObject first = api.expect(200, api.get("templates?q=" + q + "&size=2")).object();
        assertEquals(3, first.getInt("total"), first.toString());
        assertEquals(0, first.getInt("page"));
        assertEquals(2, first.getInt("size"));
        assertEquals(List.of(ids.get(2), ids.get(1)), itemIds(first), "newest first");
        JsonObject second = api.expect(200, HeraldApi.operator().get("templates?q=" + q + "&size=2&page=1")).object();
        assertEquals(List.of(ids.get(0)), itemIds(second));
        JsonObject oldest = second.getJsonArray("items").getJsonObject(0);
        assertEquals(token + " 0", oldest.getString("name"));
        assertEquals("s", oldest.getString("subject"));
        assertEquals(1, oldest.getInt("campaigns"), oldest.toString());
        assertTrue(oldest.containsKey("createdAt") && oldest.containsKey("updatedAt"), oldest.toString());
        assertEquals(0, api.expect(200, api.get("templates?q=" + q + "&page=5")).object().getJsonArray("items").size());
        assertEquals(0, api.expect(200, api.get("templates?q=%25" + domain)).object().getInt("total"),
                "% is matched as itself, not as a wildcard");

        assertEquals("size", api.expect(400, api.get("templates?size=0")).object().getString("field"));
        assertEquals("size", api.expect(400, api.get("templates?size=501")).object().getString("field"));
        assertEquals("page", api.expect(400, api.get("templates?page=-1")).object().getString("field"));
        assertEquals("page", api.expect(400, api.get("templates?page=x")).object().getString("field"));
        assertEquals(50, api.expect(200, api.get("templates")).object().getInt("size"));
    }

    @Test
    void aTemplateInUseCannotBeDeletedAndAnUnusedOneCan() {
        long unused = api.expect(201, api.post("templates", template("S", "t", "a.txt"))).id();
        long draftOnly = api.expect(201, api.post("templates", template("S", "t", "a.txt"))).id();
        long sent = api.expect(201, api.post("templates", template("S", "t", "a.txt"))).id();
        long listId = listOf(1);
        long draft = campaign(draftOnly, listId);
        long launched = campaign(sent, listId);
        send(launched);
        awaitStatus(launched, "COMPLETED", Duration.ofMinutes(1));

        api.expect(403, HeraldApi.operator().delete("templates/" + unused));
        api.expect(403, HeraldApi.operator().put("templates/" + unused, template("S", "t", "a.txt")));
        JsonObject refused = api.expect(409, api.delete("templates/" + draftOnly)).object();
        assertTrue(refused.getString("error").contains(draft + " (DRAFT)"), refused.toString());
        refused = api.expect(409, api.delete("templates/" + sent)).object();
        assertTrue(refused.getString("error").contains(launched + " (COMPLETED)"), refused.toString());
        long snapshotId = campaignView(launched).getJsonNumber("sentTemplateId").longValue();

        api.expect(204, api.delete("templates/" + unused));
        api.expect(404, api.get("templates/" + unused));
        api.expect(404, api.delete("templates/" + unused));
        api.expect(404, api.put("templates/" + unused, template("S", "t", "a.txt")));
        assertEquals("subject", api.expect(400, api.put("templates/" + sent, Json.createObjectBuilder()
                .add("name", "n").add("text", "t").build())).object().getString("field"), "PUT checks as POST does");
        assertEquals("text", api.expect(400, api.put("templates/" + sent, Json.createObjectBuilder()
                .add("name", "n").add("subject", "s").add("text", "{{#a}}").build())).object().getString("field"));
        assertEquals("S", api.expect(200, api.get("templates/" + snapshotId)).object().getString("subject"),
                "the snapshot a campaign names is kept");
    }

    /** A template with a subject, a text body and one attachment holding the file name as its content. */
    private JsonObject template(String subject, String text, String file) {
        return Json.createObjectBuilder()
                .add("name", "edit " + domain)
                .add("subject", subject)
                .add("text", text)
                .add("attachments", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("filename", file).add("contentType", "text/plain")
                        .add("content", Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8)))))
                .build();
    }

    private static List<Long> longs(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::longValue).toList();
    }

    private static List<Long> itemIds(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getJsonNumber("id").longValue()).toList();
    }

    private static List<String> attachmentNames(Part part) throws Exception {
        List<String> names = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                names.addAll(attachmentNames(mp.getBodyPart(i)));
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            names.add(part.getFileName());
        }
        return names;
    }
}

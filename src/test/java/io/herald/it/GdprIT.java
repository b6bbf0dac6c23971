package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GDPR: GET /people/{address}/export shows everything Herald holds about a person; DELETE /people/{address} erases
 * them, after which no character column of the database holds the address, the campaigns count the same, the
 * address's keyed hash keeps it out of every list, and a message not yet sent to them is never sent.
 */
class GdprIT extends HeraldIT {

    /** The person: a local part found nowhere else, so a search for it alone finds only their data. */
    private final String local = "gdpr-" + UUID.randomUUID().toString().substring(0, 12);
    private final String person = local + "@" + domain;

    @AfterEach
    void noMoreDeferrals() {
        smtp.deferFirstAttempt(null);
    }

    @Test
    void aPersonInThreeListsAndTwoCampaignsIsExportedThenErasedEverywhere() throws IOException {
        long template = personalisedTemplate();
        long listA = listWithPerson("A");
        long listB = listWithPerson("B");
        long listC = listWithPerson("C");
        api.expect(201, api.post("suppressions", Json.createObjectBuilder().add("address", person).add("listId", listC)
                .add("note", "asked by phone").build()));
        long rejectedImport = importInto(listA, person + ",Ann Again,C-again");   // "already in the list"
        long campaignA = campaign(template, listA);
        long campaignB = campaign(template, listB);
        send(campaignA);
        awaitStatus(campaignA, "COMPLETED", Duration.ofMinutes(1));
        smtp.refuse(person);                     // campaign B: "550 5.1.1 <person>: ... User unknown", a hard bounce
        send(campaignB);
        awaitStatus(campaignB, "COMPLETED", Duration.ofMinutes(1));
        long deliveryA = db.number("SELECT id FROM delivery WHERE campaign_id = ? AND email = ?", campaignA, person);
        bounceEventAsTheJobWritesIt(campaignA, deliveryA);

        JsonObject export = api.expect(200, api.get("people/" + person + "/export")).object();
        assertEquals(person, export.getString("address"));
        JsonArray recipients = items(export, "recipients", 3);
        assertEquals(Set.of(listA, listB, listC), recipients.stream()
                .map(r -> r.asJsonObject().getJsonNumber("listId").longValue()).collect(Collectors.toSet()));
        assertEquals("C-person", recipients.getJsonObject(0).getJsonObject("attributes").getString("code"), export.toString());
        assertEquals("Ann Person", recipients.getJsonObject(0).getString("name"));
        JsonArray deliveries = items(export, "deliveries", 2);
        assertEquals(Set.of(campaignA, campaignB), deliveries.stream()
                .map(d -> d.asJsonObject().getJsonNumber("campaignId").longValue()).collect(Collectors.toSet()));
        assertEquals(Set.of("SENT", "FAILED"), deliveries.stream().map(d -> d.asJsonObject().getString("status"))
                .collect(Collectors.toSet()), export.toString());
        JsonArray audit = items(export, "auditEntries", 2);
        assertTrue(audit.stream().allMatch(a -> a.asJsonObject().getString("rcptTo").equals(person)), export.toString());
        assertEquals(Set.of("MANUAL", "HARD_BOUNCE"), items(export, "suppressions", 2).stream()
                .map(e -> e.asJsonObject().getString("reason")).collect(Collectors.toSet()));
        assertEquals(deliveryA, items(export, "bounceEvents", 1).getJsonObject(0).getJsonNumber("deliveryId").longValue());
        JsonObject rejection = items(export, "importRejections", 1).getJsonObject(0);
        assertEquals(rejectedImport, rejection.getJsonNumber("importId").longValue());
        assertTrue(rejection.getString("rawLine").contains(person), rejection.toString());
        assertEquals(200, HeraldApi.operator().get("people/" + person + "/export").status(), "operators may read");
        JsonObject cut = api.expect(200, api.get("people/" + person + "/export?limit=1")).object();
        assertEquals(2, cut.getJsonObject("deliveries").getInt("total"));
        assertEquals(1, cut.getJsonObject("deliveries").getJsonArray("items").size(), "at most limit items");
        assertTrue(cut.getJsonObject("deliveries").getBoolean("truncated"));
        assertEquals("limit", api.expect(400, api.get("people/" + person + "/export?limit=0")).object().getString("field"));

        assertFalse(columnsHolding(person).isEmpty(), "the catalogue search finds the address before the erasure");
        assertEquals(403, HeraldApi.operator().delete("people/" + person).status(), "operators may not erase");
        assertEquals(3, db.number("SELECT COUNT(*) FROM recipient WHERE email = ?", person), "nothing erased on a 403");
        var countsA = db.deliveryCounts(campaignA);
        var countsB = db.deliveryCounts(campaignB);
        var viewA = campaignView(campaignA).getJsonObject("counts");

        JsonObject erased = api.expect(200, api.delete("people/" + person)).object();

        JsonObject tables = erased.getJsonObject("tables");
        assertEquals(3, tables.getInt("recipient"), erased.toString());
        for (long list : List.of(listA, listB, listC)) {
            assertRecipientCountsExact(list);
        }
        assertEquals(2, tables.getInt("delivery"), erased.toString());
        assertEquals(audit.size(), tables.getInt("audit_entry"), erased.toString());
        assertEquals(1, tables.getInt("bounce_event"), erased.toString());
        assertEquals(1, tables.getInt("recipient_import_rejection"), erased.toString());
        assertEquals(2, tables.getInt("suppression"), erased.toString());
        assertFalse(erased.getBoolean("alreadyErased"));
        assertEquals(List.of(), columnsHolding(person), "no column holds the address");
        assertEquals(List.of(), columnsHolding(local), "nor its local part");
        assertEquals(countsA, db.deliveryCounts(campaignA), "the campaigns count the same");
        assertEquals(countsB, db.deliveryCounts(campaignB));
        assertEquals(viewA, campaignView(campaignA).getJsonObject("counts"));
        assertEquals(1, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listA), "the other recipient stays");
        String replacement = erased.getString("replacement");
        assertEquals(2, db.number("SELECT COUNT(*) FROM delivery WHERE email = ?", replacement));

        JsonObject after = api.expect(200, api.get("people/" + person + "/export")).object();
        for (String section : List.of("recipients", "deliveries", "auditEntries", "bounceEvents", "importRejections")) {
            assertEquals(0, after.getJsonObject(section).getInt("total"), section + ": " + after);
        }
        assertEquals("ERASED", items(after, "suppressions", 1).getJsonObject(0).getString("reason"), "only the keyed hash");
        assertTrue(api.expect(200, api.get("suppressions/check?address=" + person)).object().getBoolean("suppressed"));

        JsonObject again = api.expect(200, api.post("lists/" + listA + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", person.replace(domain, domain.toUpperCase(Locale.ROOT))))
                .build())).object();
        assertEquals(0, again.getInt("added"), again.toString());
        assertTrue(again.getJsonArray("rejected").getJsonObject(0).getString("reason").contains("suppressed (ERASED)"),
                again.toString());
        long reimport = importInto(api.expect(201, api.post("lists", Json.createObjectBuilder()
                .add("name", "again " + domain).build())).id(), person + ",Ann,C-1");
        JsonObject reimported = api.expect(200, api.get("imports/" + reimport)).object();
        assertEquals(0, reimported.getInt("added"), reimported.toString());
        assertEquals(1, reimported.getInt("rejected"), reimported.toString());
        String reason = (String) db.rows("SELECT reason FROM recipient_import_rejection WHERE import_id = ?", reimport)
                .get(0).get("reason");
        assertTrue(reason.contains("erased on request"), reason);
        assertEquals(List.of(), columnsHolding(local), "the refused import did not write the address back");
    }

    @Test
    void aMessageNotYetSentIsSkippedAndNeverSent() {
        smtp.deferFirstAttempt("450 4.2.1 mailbox busy, try again later");
        long listId = listWithPerson("deferred");
        long campaignId = campaign(personalisedTemplate(), listId, Json.createObjectBuilder()
                .add("retryFirstDelaySeconds", 10).add("retryMaxAttempts", 3).build());
        send(campaignId);
        Poll.until(Duration.ofSeconds(30), "both deliveries DEFERRED", () ->
                db.deliveryCounts(campaignId).getOrDefault("DEFERRED", 0L) == 2 ? Boolean.TRUE : null);

        JsonObject erased = api.expect(200, api.delete("people/" + person)).object();

        assertEquals(1, erased.getInt("skippedDeliveries"), erased.toString());
        assertEquals(List.of(), columnsHolding(local));
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(Map.of("SENT", 1L, "SKIPPED", 1L), db.deliveryCounts(campaignId));
        assertEquals("erased on request (GDPR Art. 17)", db.rows("SELECT reason FROM delivery WHERE campaign_id = ?"
                + " AND status = 'SKIPPED'", campaignId).get(0).get("reason"));
        var received = smtp.countsByRecipient();
        assertFalse(received.containsKey(person), "never sent to the erased person: " + received);
        assertEquals(1, received.get(address(1)));
    }

    @Test
    void aMessageBeingSentMakesTheErasureRefuseAndChangeNothing() {
        long campaignId = campaign(personalisedTemplate(), listWithPerson("sending"));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        // the send step's state while its SMTP transaction for the person runs (claimed, audit entry not yet written)
        db.update("UPDATE delivery SET status = 'SENDING' WHERE campaign_id = ? AND email = ?", campaignId, person);

        JsonObject refused = api.expect(409, api.delete("people/" + person)).object();

        assertTrue(refused.getString("error").contains("being sent right now"), refused.toString());
        assertEquals(1, db.number("SELECT COUNT(*) FROM recipient WHERE email = ?", person), "nothing erased");
        assertEquals(1, db.number("SELECT COUNT(*) FROM delivery WHERE email = ?", person));
        db.update("UPDATE delivery SET status = 'SENT' WHERE campaign_id = ? AND email = ?", campaignId, person);
        assertEquals(1, api.expect(200, api.delete("people/" + person)).object().getJsonObject("tables").getInt("delivery"));
    }

    @Test
    void anUnknownAddressIs404AnErasedOneIsErasedAlreadyABadOneIs400() {
        long erasedEntries = db.number("SELECT COUNT(*) FROM suppression WHERE reason = 'ERASED'");
        assertEquals("address", api.expect(404, api.delete("people/" + person)).object().getString("field"));
        assertEquals(erasedEntries, db.number("SELECT COUNT(*) FROM suppression WHERE reason = 'ERASED'"),
                "the 404 left no hashed entry behind");
        JsonObject nothing = api.expect(200, api.get("people/" + person + "/export")).object();
        assertEquals(0, nothing.getJsonObject("recipients").getInt("total"), "an export of nobody is empty");

        listWithPerson("twice");
        api.expect(200, api.delete("people/" + person));
        JsonObject again = api.expect(200, api.delete("people/" + person)).object();
        assertTrue(again.getBoolean("alreadyErased"), again.toString());
        assertFalse(again.containsKey("replacement"), "no replacement (JSON-B leaves nulls out): " + again);
        assertTrue(again.getJsonObject("tables").values().stream().allMatch(n -> n.toString().equals("0")), again.toString());
        assertNotEquals("", again.getString("suppressedAs"));

        assertEquals("address", api.expect(400, api.delete("people/not-an-address")).object().getString("field"));
        assertEquals("address", api.expect(400, api.get("people/not-an-address/export")).object().getString("field"));
        assertEquals(401, HeraldApi.anonymous().delete("people/" + person).status());
    }

    /** A list named after the test's domain with the person (name, attribute code) and address(1). */
    private long listWithPerson(String name) {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", name + " " + domain).build())).id();
        JsonObject added = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", person).add("name", "Ann Person")
                        .add("attributes", Json.createObjectBuilder().add("code", "C-person")))
                .add(Json.createObjectBuilder().add("email", address(1)).add("name", "Bob")
                        .add("attributes", Json.createObjectBuilder().add("code", "C-1")))
                .build())).object();
        assertEquals(2, added.getInt("added"), added.toString());
        return listId;
    }

    /** Imports "email,name,code" and this line from a file on the server; returns the completed import's id. */
    private long importInto(long listId, String line) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("it.data.dir"), "herald", "import-files"));
        Path csv = Files.writeString(dir.resolve(domain + "-" + UUID.randomUUID() + ".csv"), "email,name,code\n" + line + "\n");
        try {
            long importId = api.expect(202, api.post("lists/" + listId + "/imports",
                    Json.createObjectBuilder().add("path", csv.toString()).build())).id();
            Poll.until(Duration.ofMinutes(1), "import " + importId + " to complete", () ->
                    api.expect(200, api.get("imports/" + importId)).object().getString("status").equals("COMPLETED")
                            ? Boolean.TRUE : null);
            return importId;
        } finally {
            Files.delete(csv);
        }
    }

    /** A hard bounce for the delivery, as the process-bounces job records one (its own tests cover reading them). */
    private void bounceEventAsTheJobWritesIt(long campaignId, long deliveryId) {
        db.update("""
                INSERT INTO bounce_event (message_key, outcome, delivery_id, campaign_id, recipient_id, email,
                                          reported_recipient, status, diagnostic, created_at)
                SELECT ?, 'HARD', d.id, d.campaign_id, d.recipient_id, d.email, ?, '5.1.1', ?, CURRENT_TIMESTAMP
                FROM delivery d WHERE d.id = ? AND d.campaign_id = ?""",
                UUID.randomUUID().toString().replace("-", ""), person.toUpperCase(Locale.ROOT),
                "smtp; 550 5.1.1 <" + person + ">: user unknown", deliveryId, campaignId);
    }

    /** The section's items, after checking it holds exactly {@code total} rows and shows them all. */
    private static JsonArray items(JsonObject export, String section, int total) {
        JsonObject s = export.getJsonObject(section);
        assertEquals(total, s.getInt("total"), section + ": " + s);
        assertFalse(s.getBoolean("truncated"), section + ": " + s);
        return s.getJsonArray("items");
    }

    /**
     * Every character column of Herald's schema (PUBLIC on H2, public on PostgreSQL; JBeret's job repository tables
     * too, as they share the datasource) in which some row holds the needle, case-insensitively, as "table.column".
     * Binary columns are not searched: template assets, and JBeret's serialised checkpoints, which hold only numbers
     * (DeliveryCheckpoint: the last delivery id; ImportCheckpoint: a line number and a byte offset).
     */
    private List<String> columnsHolding(String needle) {
        String schema = System.getProperty("it.db.url").startsWith("jdbc:h2:") ? "PUBLIC" : "public";
        List<String> holding = new ArrayList<>();
        Set<String> searched = new java.util.HashSet<>();
        for (var c : db.rows("SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ?", schema)) {
            String type = ((String) c.get("data_type")).toLowerCase(Locale.ROOT);
            if (!type.contains("char") && !type.equals("text") && !type.contains("clob")) {
                continue;
            }
            String table = (String) c.get("table_name");
            String column = (String) c.get("column_name");
            searched.add((table + "." + column).toLowerCase(Locale.ROOT));
            long rows = db.number("SELECT COUNT(*) FROM \"" + table + "\" WHERE LOWER(\"" + column + "\") LIKE ?",
                    "%" + needle.toLowerCase(Locale.ROOT) + "%");
            if (rows > 0) {
                holding.add(table + "." + column + ": " + rows);
            }
        }
        assertTrue(searched.containsAll(Set.of("recipient.email", "delivery.email", "audit_entry.rcpt_to",
                "suppression.email", "bounce_event.reported_recipient", "recipient_import_rejection.raw_line")),
                "the catalogue lists Herald's columns: " + searched);
        return holding;
    }

    @Test
    void erasingAnAddressFindsItsRowsInAnyCase() {
        String given = "Carol-" + local + "@" + domain;
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "carol " + domain).build())).id();
        api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", given).add("name", "Carol")).build()));

        String asked = given.toLowerCase(Locale.ROOT);
        assertEquals(1, api.expect(200, api.get("people/" + asked + "/export")).object().getJsonObject("recipients").getInt("total"));
        JsonObject erased = api.expect(200, api.delete("people/" + asked)).object();

        assertEquals(1, erased.getJsonObject("tables").getInt("recipient"), erased.toString());
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
        JsonObject again = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", given.toUpperCase(Locale.ROOT))).build())).object();
        assertEquals(0, again.getInt("added"), "the erased person, in capitals, is still suppressed: " + again);
    }
}

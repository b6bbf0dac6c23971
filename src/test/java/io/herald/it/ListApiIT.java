package io.herald.it;

import static io.herald.it.CampaignApiIT.assertRefused;
import static io.herald.it.CampaignApiIT.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.HeraldApi.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /lists, DELETE /lists/{id}, GET, PUT and DELETE of a list's recipients: pages, edits and their refusals. */
class ListApiIT extends HeraldIT {

    @Test
    void listsArePagedNewestFirstWithTheirCounts() {
        long first = listOf(3);
        long second = listOf(0);
        JsonObject page = page("lists?q=" + encode("LIST " + domain));
        assertEquals(2, page.getInt("total"));
        assertEquals(List.of(second, first), ids(page));
        JsonObject item = page.getJsonArray("items").getJsonObject(1);
        assertEquals("list " + domain, item.getString("name"));
        assertEquals(3, item.getJsonObject("counts").getInt("ACTIVE"));
        assertEquals(0, item.getJsonObject("counts").getInt("BOUNCED"));
        assertEquals(3, item.getInt("total"));
        assertTrue(item.containsKey("createdAt"), item.toString());
        assertEquals(List.of(first), ids(page("lists?size=1&page=1&q=" + encode(domain))));
        JsonObject beyond = page("lists?size=1&page=2&q=" + encode(domain));
        assertEquals(List.of(), ids(beyond));
        assertEquals(2, beyond.getInt("total"));
        for (String size : List.of("0", "501", "-1")) {
            assertRefused(400, "size", api.get("lists?size=" + size));
        }
        assertEquals(200, HeraldApi.operator().get("lists?q=" + encode(domain)).status());

        JsonObject picker = page("lists?counts=false&q=" + encode(domain)).getJsonArray("items").getJsonObject(1);
        assertEquals("list " + domain, picker.getString("name"));
        assertEquals(JsonValue.NULL, picker.get("counts"), "a picker's answer counts nothing: " + picker);
        assertEquals(JsonValue.NULL, picker.get("total"), picker.toString());
        assertRefused(400, "counts", api.get("lists?counts=maybe"));
    }

    @Test
    void recipientsArePagedNewestFirstAndFoundByAddressAndStatus() {
        long listId = listOf(5);
        long r2 = recipientId(listId, 2);
        JsonObject page = page("lists/" + listId + "/recipients?size=2");
        assertEquals(5, page.getInt("total"));
        List<Long> top = ids(page);
        assertTrue(top.get(0) > top.get(1), "newest first: " + top);
        assertEquals(recipientId(listId, 4), top.get(0));
        JsonObject last = page("lists/" + listId + "/recipients?size=2&page=2");
        assertEquals(List.of(recipientId(listId, 0)), ids(last));
        JsonObject beyond = page("lists/" + listId + "/recipients?size=2&page=3");
        assertEquals(List.of(), ids(beyond));
        assertEquals(5, beyond.getInt("total"));

        JsonObject found = page("lists/" + listId + "/recipients?q=" + encode("R2@" + domain.toUpperCase()));
        assertEquals(List.of(r2), ids(found));
        JsonObject item = found.getJsonArray("items").getJsonObject(0);
        assertEquals(address(2), item.getString("email"));
        assertEquals("Person 2", item.getString("name"));
        assertEquals("ACTIVE", item.getString("status"));
        assertEquals("C-2", item.getJsonObject("attributes").getString("code"));
        assertTrue(item.containsKey("createdAt"));
        assertEquals(0, page("lists/" + listId + "/recipients?q=" + encode("r_@")).getInt("total"), "_ matches itself");
        assertEquals(0, page("lists/" + listId + "/recipients?q=" + encode("2@" + domain)).getInt("total"),
                "q is the start of the address, not any part of it");
        JsonObject prefix = page("lists/" + listId + "/recipients?size=2&page=1&q=R");
        assertEquals(5, prefix.getInt("total"));
        assertEquals(List.of(recipientId(listId, 2), recipientId(listId, 3)), ids(prefix), "in address order");

        api.expect(200, api.put("lists/" + listId + "/recipients/" + r2, Json.createObjectBuilder()
                .add("email", address(2)).add("status", "unsubscribed").build()));
        assertEquals(List.of(r2), ids(page("lists/" + listId + "/recipients?status=UNSUBSCRIBED")));
        assertEquals(4, page("lists/" + listId + "/recipients?status=ACTIVE").getInt("total"));
        assertRecipientCountsExact(listId);

        assertRefused(400, "status", api.get("lists/" + listId + "/recipients?status=GONE"));
        assertRefused(400, "size", api.get("lists/" + listId + "/recipients?size=501"));
        assertRefused(400, "page", api.get("lists/" + listId + "/recipients?page=-1"));
        assertRefused(404, "id", api.get("lists/99999999/recipients"));
        assertEquals(200, HeraldApi.operator().get("lists/" + listId + "/recipients").status());
    }

    @Test
    void pagesInTheSecondHalfAreReadFromTheEndAndMatchAForwardRead() {
        long listId = listOf(7);
        List<Long> all = new java.util.ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            all.add(recipientId(listId, i));
        }
        assertEquals(all, pages(listId, "", 2, 4), "every page of 2, newest first, the last ones read from the end");
        assertEquals(all, pages(listId, "", 3, 3));
        for (int i : List.of(1, 4, 5)) {
            api.expect(200, api.put("lists/" + listId + "/recipients/" + recipientId(listId, i), Json.createObjectBuilder()
                    .add("email", address(i)).add("status", "unsubscribed").build()));
        }
        assertEquals(List.of(recipientId(listId, 6), recipientId(listId, 3), recipientId(listId, 2), recipientId(listId, 0)),
                pages(listId, "&status=ACTIVE", 3, 2));
        assertEquals(List.of(recipientId(listId, 5), recipientId(listId, 4), recipientId(listId, 1)),
                pages(listId, "&status=UNSUBSCRIBED", 2, 2));
        JsonObject list = api.expect(200, api.get("lists/" + listId)).object();
        assertEquals(4, list.getJsonObject("counts").getInt("ACTIVE"), list.toString());
        assertEquals(3, list.getJsonObject("counts").getInt("UNSUBSCRIBED"), list.toString());
        assertEquals(List.of(), ids(page("lists/" + listId + "/recipients?size=3&page=3")), "past the end: nothing");
        assertRecipientCountsExact(listId);
    }

    /** The ids of pages 0..count-1 of the list's recipients, in order, each page's total checked against the list. */
    private List<Long> pages(long listId, String filter, int size, int count) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++) {
            ids.addAll(ids(page("lists/" + listId + "/recipients?size=" + size + "&page=" + p + filter)));
        }
        return ids;
    }

    @Test
    void aRecipientIsChangedByThePostRules() {
        long listId = listOf(3);
        long r0 = recipientId(listId, 0);
        JsonObject changed = api.expect(200, api.put("lists/" + listId + "/recipients/" + r0, Json.createObjectBuilder()
                .add("email", "new0@" + domain).add("name", "Zoë").add("attributes", Json.createObjectBuilder()
                        .add("code", "Z-0").add("tier", 2)).build())).object();
        assertEquals(r0, changed.getJsonNumber("id").longValue());
        assertEquals("new0@" + domain, changed.getString("email"));
        assertEquals("Zoë", changed.getString("name"));
        assertEquals(Json.createObjectBuilder().add("code", "Z-0").add("tier", "2").build(), changed.getJsonObject("attributes"));
        assertEquals("ACTIVE", changed.getString("status"), "status unchanged when not given");
        assertEquals("new0@" + domain, db.rows("SELECT email_key FROM recipient WHERE id = ?", r0).get(0).get("email_key"));

        Map<String, Object> before = db.rows("SELECT * FROM recipient WHERE id = ?", r0).get(0);
        Reply duplicate = api.put("lists/" + listId + "/recipients/" + r0, Json.createObjectBuilder()
                .add("email", "r1@" + domain.toUpperCase()).build());
        assertRefused(409, "email", duplicate);
        assertEquals("already in the list as " + address(1), duplicate.object().getString("error"));
        assertRefused(400, "email", put(listId, r0, Json.createObjectBuilder().add("email", "no-at-sign")));
        assertRefused(400, "name", put(listId, r0, Json.createObjectBuilder().add("email", address(9)).add("name", "a\r\nBcc: x@y")));
        assertRefused(400, "attributes", put(listId, r0, Json.createObjectBuilder().add("email", address(9))
                .add("attributes", Json.createObjectBuilder().add("1bad", "x"))));
        assertRefused(400, "status", put(listId, r0, Json.createObjectBuilder().add("email", address(9)).add("status", "BOUNCED")));
        assertRefused(404, "id", put(listId, 99999999L, Json.createObjectBuilder().add("email", address(9))));
        long otherList = listOf(1);
        assertRefused(404, "id", put(otherList, r0, Json.createObjectBuilder().add("email", address(9))));
        assertEquals(403, HeraldApi.operator().put("lists/" + listId + "/recipients/" + r0,
                Json.createObjectBuilder().add("email", address(9)).build()).status());
        assertEquals(before, db.rows("SELECT * FROM recipient WHERE id = ?", r0).get(0));
    }

    @Test
    void aRecipientWithoutDeliveriesIsDeletedAndOneWithDeliveriesIsKept() {
        long templateId = personalisedTemplate();
        long listId = listOf(2);
        long r0 = recipientId(listId, 0);
        assertEquals(403, HeraldApi.operator().delete("lists/" + listId + "/recipients/" + r0).status());
        api.expect(204, api.delete("lists/" + listId + "/recipients/" + r0));
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient WHERE id = ?", r0));
        assertRecipientCountsExact(listId);
        assertRefused(404, "id", api.delete("lists/" + listId + "/recipients/" + r0));

        long campaignId = campaign(templateId, listId);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofSeconds(60));
        long r1 = recipientId(listId, 1);
        Map<String, Long> before = db.tableCounts();
        Reply refused = api.delete("lists/" + listId + "/recipients/" + r1);
        assertRefused(409, "id", refused);
        assertTrue(refused.object().getString("error").contains("[" + campaignId + "]"), refused.body().toString());
        assertEquals(before, db.tableCounts());
    }

    @Test
    void aListInUseIsRefusedNamingTheCampaignsAndAnUnusedOneIsDeletedWithItsRecipientsAndImports() {
        long templateId = personalisedTemplate();
        long listId = listOf(3);
        long draft = campaign(templateId, listId);
        Map<String, Long> before = db.tableCounts();
        Reply refused = api.delete("lists/" + listId);
        assertRefused(409, "id", refused);
        assertTrue(refused.object().getString("error").contains("[" + draft + " (DRAFT)]"), refused.body().toString());
        assertEquals(before, db.tableCounts());
        assertEquals(403, HeraldApi.operator().delete("lists/" + listId).status());

        api.expect(204, api.delete("campaigns/" + draft));
        db.update("""
                INSERT INTO recipient_import (list_id, status, source_path, uploaded, file_name, file_bytes, rows_read,
                                              added, rejected, created_at)
                VALUES (?, 'RUNNING', '/srv/import/people.csv', FALSE, 'people.csv', 40, 2, 1, 1, CURRENT_TIMESTAMP)""",
                listId);
        long importId = db.number("SELECT id FROM recipient_import WHERE list_id = ?", listId);
        db.update("INSERT INTO recipient_import_rejection (import_id, line_number, raw_line, reason) VALUES (?, 3, 'x', 'bad')",
                importId);
        Reply importing = api.delete("lists/" + listId);
        assertRefused(409, "id", importing);
        assertTrue(importing.object().getString("error").contains("[" + importId + "]"), importing.body().toString());
        assertEquals(3, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
        assertEquals(1, db.number("SELECT COUNT(*) FROM recipient_import_rejection WHERE import_id = ?", importId));

        db.update("UPDATE recipient_import SET status = 'COMPLETED' WHERE id = ?", importId);
        api.expect(204, api.delete("lists/" + listId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient_import WHERE list_id = ?", listId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient_import_rejection WHERE import_id = ?", importId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient_list WHERE id = ?", listId));
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient_count WHERE list_id = ?", listId));
        assertRefused(404, "id", api.get("lists/" + listId));
        assertRefused(404, "id", api.delete("lists/" + listId));
    }

    private Reply put(long listId, long recipientId, jakarta.json.JsonObjectBuilder body) {
        return api.put("lists/" + listId + "/recipients/" + recipientId, body.build());
    }

    private long recipientId(long listId, int i) {
        return db.number("SELECT id FROM recipient WHERE list_id = ? AND email = ?", listId, address(i));
    }

    private JsonObject page(String path) {
        return api.expect(200, api.get(path)).object();
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(i -> i.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    @Test
    void anAddressInAnotherCaseIsTheSamePersonAndIsRefusedNamingTheListsSpelling() {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "case " + domain).build())).id();
        api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", "dup@" + domain)).build()));

        JsonObject again = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", "DUP@" + domain))
                .add(Json.createObjectBuilder().add("email", "Twice@" + domain))
                .add(Json.createObjectBuilder().add("email", "twice@" + domain.toUpperCase())).build())).object();

        assertEquals(1, again.getInt("added"), again.toString());
        assertEquals("email DUP@" + domain + " is already in the list as dup@" + domain,
                again.getJsonArray("rejected").getJsonObject(0).getString("reason"));
        assertEquals("email twice@" + domain.toUpperCase() + " appears earlier in this request",
                again.getJsonArray("rejected").getJsonObject(1).getString("reason"));
        assertEquals(2, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
        assertEquals("Twice@" + domain, db.rows("SELECT email FROM recipient WHERE list_id = ? AND email_key = ?", listId,
                "twice@" + domain).get(0).get("email"), "the address is kept as given, for sending");
    }
}

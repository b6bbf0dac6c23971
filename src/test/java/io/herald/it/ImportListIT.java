package io.herald.it;

import static io.herald.it.CampaignApiIT.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.it.support.HeraldApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /imports: the imports of every list, newest first, page by page; its refusals name the field. */
class ImportListIT extends HeraldIT {

    @Test
    void importsAreListedNewestFirstPageByPageWithTheirCounts() throws IOException {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "imports " + domain).build())).id();
        long first = importOf(listId, 0);
        long second = importOf(listId, 1);
        long third = importOf(listId, 2);
        long total = db.number("SELECT COUNT(*) FROM recipient_import");

        JsonObject top = page("imports?size=2");
        assertEquals(List.of(third, second), ids(top), "the newest first");
        assertEquals(total, top.getJsonNumber("total").longValue());
        assertEquals(0, top.getInt("page"));
        assertEquals(2, top.getInt("size"));
        JsonObject newest = top.getJsonArray("items").getJsonObject(0);
        assertEquals(listId, newest.getJsonNumber("listId").longValue());
        assertEquals("COMPLETED", newest.getString("status"));
        assertEquals(1, newest.getInt("added"), newest.toString());
        assertEquals(1, newest.getInt("rejected"), newest.toString());
        assertEquals(domain + "-2.csv", Path.of(newest.getString("file")).getFileName().toString());
        assertEquals(List.of(first), ids(page("imports?size=2&page=1")).subList(0, 1));

        JsonObject last = page("imports?size=1&page=" + (total - 1));
        assertEquals(1, ids(last).size(), "the last page holds the oldest import");
        JsonObject beyond = page("imports?size=1&page=" + total);
        assertEquals(List.of(), ids(beyond));
        assertEquals(total, beyond.getJsonNumber("total").longValue());
        assertEquals(50, page("imports").getInt("size"), "the default size");
        assertEquals(List.of(third), ids(HeraldApi.operator().expect(200, HeraldApi.operator().get("imports?size=1")).object()),
                "an operator sees the imports too");
    }

    @Test
    void aBadPageOrSizeIsRefusedNamingTheField() {
        for (String size : List.of("0", "501", "-1", "abc")) {
            assertRefused(400, "size", api.get("imports?size=" + size));
        }
        for (String page : List.of("-1", "x")) {
            assertRefused(400, "page", api.get("imports?page=" + page));
        }
        assertEquals(401, HeraldApi.anonymous().get("imports").status());
    }

    /** Imports a file of the server's import directory into the list: one good row (address(i)) and one bad one. */
    private long importOf(long listId, int i) throws IOException {
        return importFile(listId, domain + "-" + i + ".csv", "email,name\n" + address(i) + ",Person " + i + "\nnot an address,Nobody\n");
    }

    private JsonObject page(String path) {
        return api.expect(200, api.get(path)).object();
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(i -> i.asJsonObject().getJsonNumber("id").longValue()).toList();
    }
}

package io.herald.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Lists in the browser: a CSV upload watched to its end with its rejections; a recipient found and edited with the
 * keyboard; the recent imports; recipients' data shown as text.
 */
class ListsBrowserIT extends BrowserStory {

    @TempDir
    Path files;

    @Test
    void createListUploadCsvWatchProgressAndRejections() throws IOException {
        List<String> lines = new ArrayList<>(List.of("email,name,code"));
        for (int i = 0; i < 200; i++) {
            lines.add(address(i) + ",Person " + i + ",C-" + i);
        }
        lines.add("not-an-address,Nobody,X");
        lines.add(",No address,Y");
        Path csv = Files.write(files.resolve("subscribers.csv"), lines);
        logInAsAdmin();

        var page = ListPage.create(this, "Subscribers " + domain).upload(csv).awaitImport("COMPLETED");
        assertTrue(page.importCounts().contains("202 rows read, 200 added, 2 rejected"), page.importCounts());
        String rejections = page.rejections();
        assertTrue(rejections.contains("not-an-address") && rejections.contains("202"), rejections);
        assertEquals(200, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", page.id()));
        page.recipients(address(199));
    }

    @Test
    void findARecipientByTheStartOfItsAddressAndEditItWithTheKeyboard() {
        long listId = listOf(3);
        logInAsAdmin();

        var page = new ListPage(this, listId).search("R1@");
        String found = page.recipients(address(1), address(0));
        assertFalse(found.contains(address(2)), "only r1: " + found);
        assertEquals(List.of(), page.controlsTabMisses(), "every control is reached with Tab");
        assertEquals(List.of(), page.unlabelledControls());
        page.editWithTheKeyboard(address(1), "Ada Lovelace", "UNSUBSCRIBED", "code=X-1");

        Map<String, Object> row = db.rows("SELECT name, status, attributes FROM recipient WHERE list_id = ? AND email = ?",
                listId, address(1)).get(0);
        assertEquals("Ada Lovelace", row.get("name"));
        assertEquals("UNSUBSCRIBED", row.get("status"));
        assertEquals(Map.of("code", "X-1"), Json.createReader(new StringReader((String) row.get("attributes"))).readObject()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> ((JsonString) e.getValue()).getString())));
        assertTrue(page.recipients("Ada Lovelace").contains("UNSUBSCRIBED"));
        assertEquals(List.of(), page.widerThanAPhone("console-list-390px"), "the list page reads on a phone without sideways scrolling");
    }

    @Test
    void importsPageListsTheRecentImportsNewestFirst() throws IOException {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "imports " + domain).build())).id();
        long older = importFile(listId, domain + "-a.csv", "email\n" + address(0) + "\n");
        long newer = importFile(listId, domain + "-b.csv", "email\n" + address(1) + "\nnobody\n");
        logInAsAdmin();

        var page = new ImportsPage(this);
        assertEquals(List.of("#" + newer, "#" + older), page.imports().subList(0, 2), "the newest first");
        assertEquals(List.of(), page.controlsTabMisses(), "every control is reached with Tab");
        assertEquals(List.of(), page.unlabelledControls());
        String shown = page.show(newer);
        assertTrue(shown.contains("2 rows read, 1 added, 1 rejected") && shown.contains("nobody"), shown);
        assertEquals(List.of(), page.widerThanAPhone("console-imports-390px"), "the imports page reads on a phone");
    }

    @Test
    void xssRecipientShownAsText() {
        String evil = "<img src=x onerror=alert(1)>";
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", evil).build())).id();
        api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", address(1)).add("name", evil)
                        .add("attributes", Json.createObjectBuilder().add("note", "<script>alert(2)</script>")))
                .build()));
        logInAsAdmin();

        var page = new ListPage(this, listId);
        String shown = page.recipients(evil);
        assertTrue(shown.contains("note=<script>alert(2)</script>"), shown);
        assertEquals(evil, browser.findElement(By.id("title")).getText(), "the list's name, as text");
        assertEquals(0, browser.findElements(By.cssSelector("main img, main script")).size(), "no element was made");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }
}

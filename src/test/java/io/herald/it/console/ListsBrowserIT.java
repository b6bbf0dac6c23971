package io.herald.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/** Lists in the browser: a CSV upload watched to its end with its rejections; recipients' data shown as text. */
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

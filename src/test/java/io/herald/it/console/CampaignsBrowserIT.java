package io.herald.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An operator's campaign stories in the browser: create, test, launch and watch; edit a draft with the keyboard; pause
 * and resume; failures.
 */
class CampaignsBrowserIT extends BrowserStory {

    @Test
    void createCampaignSendTestThenLaunchWatchProgressToHundred() throws Exception {
        long templateId = personalisedTemplate();
        long listId = listOf(20);
        logInAsAdmin();

        long id = new CampaignsPage(this).createDraft("Spring news " + domain, templateId, listId, "news@herald.example");
        var page = new CampaignPage(this, id).awaitStatus("DRAFT");
        assertEquals("default", campaignView(id).getJsonObject("settings").getString("account"),
                "the form's sending account, the default the server offers first");
        assertEquals("default", page.account(), "the page names the account");
        page.act("test", "proof@" + domain);
        assertTrue(received("proof@" + domain).getSubject().startsWith("Hello "), "the test message arrived");
        assertEquals(Map.of(), db.deliveryCounts(id), "a test creates no delivery");

        page.act("start", null).awaitProgress(1.0).awaitStatus("COMPLETED");
        assertTrue(page.progressText().contains("20 of 20"), page.progressText());
        for (int i = 0; i < 20; i++) {
            received(address(i));
        }
        assertEquals(Map.of("SENT", 20L), db.deliveryCounts(id));
        screenshot("console-campaign-sent");

        new CampaignsPage(this).awaitRow(id).awaitStatus(id, "COMPLETED").awaitProgress(id, 1.0);
        screenshot("console-campaigns");
    }

    @Test
    void editADraftWithTheKeyboard() {
        long templateId = personalisedTemplate();
        long other = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "other " + domain).build())).id();
        long id = campaign(templateId, listOf(1), Json.createObjectBuilder().add("retryMaxAttempts", 7)
                .add("maxPerSecond", 50).build());
        logInAsAdmin();

        var page = new CampaignPage(this, id).awaitStatus("DRAFT");
        assertTrue(page.showsEditForm(), "a draft can be edited");
        assertEquals(List.of(), page.controlsTabMisses(), "every control is reached with Tab");
        assertEquals(List.of(), page.unlabelledControls());
        page.editWithTheKeyboard("Renamed " + domain, other, "Renamed sender");

        JsonObject saved = api.expect(200, api.get("campaigns/" + id)).object();
        assertEquals("Renamed " + domain, saved.getString("name"));
        assertEquals(other, saved.getJsonNumber("listId").longValue());
        assertEquals("Renamed sender", saved.getString("fromName"));
        assertEquals(templateId, saved.getJsonNumber("templateId").longValue(), "what the form did not change stays");
        assertEquals("help@herald.example", saved.getString("replyTo"));
        assertEquals(7, saved.getJsonObject("settings").getInt("retryMaxAttempts"), "and so does the delivery policy");
        assertEquals(50, saved.getJsonObject("settings").getInt("maxPerSecond"));
        assertEquals(0, saved.getJsonObject("settings").getInt("partitions"), "still the server's default");
        assertEquals(List.of(), page.widerThanAPhone("console-campaign-edit-390px"), "the campaign page reads on a phone");
    }

    @Test
    void pauseAndResume() {
        long id = campaign(personalisedTemplate(), listOf(300));
        smtp.slowDown(Duration.ofMillis(40));
        try {
            logInAsAdmin();
            send(id);
            var page = new CampaignPage(this, id).awaitStatus("RUNNING");
            page.act("pause", null).awaitStatus("PAUSED");
            assertEquals("PAUSED", campaignView(id).getString("status"));
            long sent = db.deliveryCounts(id).getOrDefault("SENT", 0L);
            assertTrue(sent < 300, "paused before the end: " + sent);

            smtp.slowDown(Duration.ZERO);
            page.act("resume", null).awaitProgress(1.0).awaitStatus("COMPLETED");
            assertEquals(Map.of("SENT", 300L), db.deliveryCounts(id));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
    }

    @Test
    void failureChartOfCampaignWith550s() {
        long listId = listOf(12);
        for (int i = 0; i < 4; i++) {
            smtp.refuse(address(i));
        }
        long id = campaign(personalisedTemplate(), listId);
        send(id);
        awaitStatus(id, "COMPLETED", Duration.ofMinutes(1));
        logInAsAdmin();

        var page = new CampaignPage(this, id);
        String failures = page.chart("chart-failures", "550");
        assertFalse(page.showsEditForm(), "a COMPLETED campaign has no edit form");
        assertTrue(failures.contains("550 5.1.1"), failures);
        assertTrue(failures.contains("4"), "four deliveries failed with it: " + failures);
        String byStatus = page.chart("chart-status", "FAILED");
        assertTrue(byStatus.contains("SENT") && byStatus.contains("8"), byStatus);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), "550"));
        browser.manage().window().setSize(new Dimension(1280, 1100));
        screenshot("console-campaign");

        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> (Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        screenshot("console-campaign-390px");
    }
}

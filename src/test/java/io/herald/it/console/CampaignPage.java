package io.herald.it.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** campaign.html?id=: a campaign's status, progress, actions, charts and deliveries. */
final class CampaignPage extends ConsolePage {

    CampaignPage(BrowserStory story, long id) {
        super(story);
        open("campaign.html?id=" + id);
        await(By.id("status"));
    }

    CampaignPage awaitStatus(String status) {
        wait.until(ExpectedConditions.textToBe(By.id("status"), status));
        return this;
    }

    CampaignPage awaitProgress(double fraction) {
        awaitProgress(By.id("progress"), fraction);
        return this;
    }

    String progressText() {
        return browser.findElement(By.id("progress")).getText();
    }

    List<String> actions() {
        return actionsIn(By.id("actions"));
    }

    /** Runs an action from the page's action bar and waits for the page to say it was done. */
    CampaignPage act(String action, String input) {
        confirm(await(By.cssSelector("#actions button[data-action='" + action + "']")), input);
        wait.until(ExpectedConditions.textToBe(By.id("message"), action + ": done"));
        return this;
    }

    /** The text of a chart (its labels and values) once it shows the expected text. */
    String chart(String id, String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
        return browser.findElement(By.id(id)).getText();
    }
}

package io.herald.it.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** campaigns.html: the campaign list with live progress and actions, and the new-campaign form. */
final class CampaignsPage extends ConsolePage {

    CampaignsPage(BrowserStory story) {
        super(story);
        open("campaigns.html");
    }

    /** Waits for the campaign's row. */
    CampaignsPage awaitRow(long id) {
        await(By.id("status-" + id));
        return this;
    }

    CampaignsPage awaitStatus(long id, String status) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-" + id), status));
        return this;
    }

    CampaignsPage awaitProgress(long id, double fraction) {
        awaitProgress(By.id("progress-" + id), fraction);
        return this;
    }

    List<String> actions(long id) {
        return actionsIn(By.id("actions-" + id));
    }

    boolean offersNewCampaign() {
        return !browser.findElements(By.id("new-campaign")).isEmpty();
    }

    /** Fills and submits the new-campaign form; answers the new campaign's id from the page it lands on. */
    long createDraft(String name, long templateId, long listId, String fromAddress) {
        type("name", name);
        choose("template", templateId);
        choose("list", listId);
        type("from-address", fromAddress);
        wait.until(d -> !new Select(d.findElement(By.id("account"))).getOptions().isEmpty());
        browser.findElement(By.id("create-campaign")).click();
        wait.until(ExpectedConditions.urlContains("campaign.html?id="));
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*id=", ""));
    }
}

package io.herald.it.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

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

    /** The sending account the page shows. */
    String account() {
        return await(By.id("account")).getText();
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

    /** True when the page shows the edit form (a draft's, to an admin). */
    boolean showsEditForm() {
        return !browser.findElements(By.id("edit")).isEmpty() && browser.findElement(By.id("edit")).isDisplayed();
    }

    /**
     * Renames the draft, changes its list and sender name with the keyboard only: Tab from the name field to the next
     * fields, Enter in the last one submits; waits for the page to say it was saved.
     */
    CampaignPage editWithTheKeyboard(String name, long listId, String fromName) {
        wait.until(ExpectedConditions.attributeToBeNotEmpty(await(By.id("edit-name")), "value"));
        wait.until(d -> !new Select(d.findElement(By.id("edit-list"))).getOptions().isEmpty());
        WebElement field = browser.findElement(By.id("edit-name"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), name);
        choose("edit-list", listId);
        browser.findElement(By.id("edit-from-name")).sendKeys(Keys.chord(Keys.CONTROL, "a"), fromName, Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Saved."));
        wait.until(ExpectedConditions.textToBe(By.id("title"), name));
        return this;
    }

    /** The text of a chart (its labels and values) once it shows the expected text. */
    String chart(String id, String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
        return browser.findElement(By.id(id)).getText();
    }
}

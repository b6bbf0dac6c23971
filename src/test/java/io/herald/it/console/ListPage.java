package io.herald.it.console;

import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** list.html?id=: a list's recipients and its CSV upload with the import's progress and rejections. */
final class ListPage extends ConsolePage {

    ListPage(BrowserStory story, long id) {
        super(story);
        open("list.html?id=" + id);
    }

    /** lists.html's new-list form; lands on the new list's page. */
    static ListPage create(BrowserStory story, String name) {
        var lists = new ConsolePage(story) { };
        lists.open("lists.html");
        lists.type("name", name);
        story.browser.findElement(By.id("create-list")).click();
        story.wait.until(ExpectedConditions.urlContains("list.html?id="));
        return new ListPage(story, Long.parseLong(story.browser.getCurrentUrl().replaceAll(".*id=", "")));
    }

    long id() {
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*id=", ""));
    }

    ListPage upload(Path csv) {
        await(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("start-upload")).click();
        return this;
    }

    /** Waits for the import to end with this status and its bar at 100 %. */
    ListPage awaitImport(String status) {
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), status));
        awaitProgress(By.id("import-progress"), 1.0);
        return this;
    }

    String importCounts() {
        return browser.findElement(By.id("import-counts")).getText();
    }

    /** The rejection report's text once it is shown. */
    String rejections() {
        return await(By.cssSelector("#rejections table")).getText();
    }

    /** Searches the recipients by the start of their address (the filter form, submitted with Enter). */
    ListPage search(String start) {
        type("q", start);
        browser.findElement(By.id("q")).sendKeys(Keys.ENTER);
        return this;
    }

    /**
     * Edits the recipient shown with this address, with the keyboard: Enter on its edit button, the new name typed,
     * the status chosen with the arrow keys, one attribute line, Enter to save; waits for the page to say so.
     */
    ListPage editWithTheKeyboard(String email, String name, String status, String attributeLine) {
        WebElement edit = await(By.cssSelector("#recipients button[aria-label='edit " + email + "']"));
        edit.sendKeys(Keys.ENTER);
        wait.until(d -> email.equals(d.switchTo().activeElement().getDomProperty("value")));
        type("edit-name", name);
        new Select(browser.findElement(By.id("edit-status"))).selectByValue(status);
        WebElement attributes = browser.findElement(By.id("edit-attributes"));
        attributes.sendKeys(Keys.chord(Keys.CONTROL, "a"), attributeLine);
        browser.findElement(By.id("edit-name")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("message"), email + " saved."));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("edit")));
        return this;
    }

    /** The recipients table's text once it shows the expected text. */
    /** The recipients table once it shows expected and no longer absent: a search's answer, not the page before it. */
    String recipients(String expected, String absent) {
        wait.until(d -> {
            String text = d.findElement(By.id("recipients")).getText();
            return text.contains(expected) && !text.contains(absent);
        });
        return browser.findElement(By.id("recipients")).getText();
    }

    String recipients(String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recipients"), expected));
        return browser.findElement(By.id("recipients")).getText();
    }
}

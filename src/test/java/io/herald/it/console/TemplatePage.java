package io.herald.it.console;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** template.html: the editor, its live preview (subject, sandboxed HTML, text) and the spam pre-flight. */
final class TemplatePage extends ConsolePage {

    TemplatePage(BrowserStory story, String page) {
        super(story);
        open(page);
    }

    static TemplatePage blank(BrowserStory story) {
        return new TemplatePage(story, "template.html");
    }

    static TemplatePage of(BrowserStory story, long id) {
        return new TemplatePage(story, "template.html?id=" + id);
    }

    TemplatePage write(String field, String text) {
        type(field, text);
        return this;
    }

    /** Waits until the preview's subject is this text. */
    TemplatePage awaitSubject(String subject) {
        wait.until(ExpectedConditions.textToBe(By.id("preview-subject"), subject));
        return this;
    }

    /** The text of the sandboxed HTML preview, once it contains the expected text. */
    String html(String expected) {
        wait.until(d -> {
            d.switchTo().frame(d.findElement(By.id("preview-html")));
            try {
                return d.findElement(By.tagName("body")).getText().contains(expected);
            } finally {
                d.switchTo().defaultContent();
            }
        });
        browser.switchTo().frame(browser.findElement(By.id("preview-html")));
        try {
            return browser.findElement(By.tagName("body")).getText();
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    String text() {
        return browser.findElement(By.id("preview-text")).getText();
    }

    /** Saves a new template; answers its id from the page it lands on. */
    long saveNew() {
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.urlContains("template.html?id="));
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*id=", ""));
    }

    /** Chooses a campaign using the template: the preview becomes what that campaign sends. */
    TemplatePage chooseCampaign(long campaignId) {
        wait.until(d -> d.findElements(By.cssSelector("#campaign option[value='" + campaignId + "']")).size() == 1);
        new Select(browser.findElement(By.id("campaign"))).selectByValue(Long.toString(campaignId));
        return this;
    }

    /** Runs the spam pre-flight of the chosen campaign; answers its score line. */
    String preflight() {
        browser.findElement(By.id("preflight")).click();
        return await(By.id("spam-score")).getText();
    }
}

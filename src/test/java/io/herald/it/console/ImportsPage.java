package io.herald.it.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** imports.html: the recent imports of every list, newest first, and one import's progress and rejections. */
final class ImportsPage extends ConsolePage {

    ImportsPage(BrowserStory story) {
        super(story);
        open("imports.html");
        await(By.cssSelector("#imports table"));
    }

    /** The import column of the table, top to bottom ("#12", …). */
    List<String> imports() {
        return browser.findElements(By.cssSelector("#imports tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
    }

    /** Opens one import from the table with the keyboard (Enter on its link) and answers what the page shows of it. */
    String show(long id) {
        browser.findElement(By.linkText("#" + id)).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "COMPLETED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rejections table")));
        return browser.findElement(By.id("import")).getText();
    }
}

package io.herald.it.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console's page objects share: the browser, waiting for what a page shows, and actions with their dialog. */
abstract class ConsolePage {

    protected final BrowserStory story;
    protected final ChromeDriver browser;
    protected final WebDriverWait wait;

    ConsolePage(BrowserStory story) {
        this.story = story;
        this.browser = story.browser;
        this.wait = story.wait;
    }

    /** Opens the page (e.g. "campaign.html?id=3") and waits until its header is drawn. */
    protected void open(String page) {
        browser.get(BrowserStory.CONSOLE + page);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("log-out")));
    }

    protected WebElement await(By locator) {
        return story.await(locator);
    }

    protected void type(String id, String text) {
        WebElement field = await(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    protected void choose(String id, long value) {
        wait.until(d -> new Select(d.findElement(By.id(id))).getOptions().size() > 0);
        new Select(browser.findElement(By.id(id))).selectByValue(Long.toString(value));
    }

    /** The action buttons (data-action) inside an element. */
    protected List<String> actionsIn(By container) {
        return browser.findElements(container).stream()
                .flatMap(c -> c.findElements(By.cssSelector("button[data-action]")).stream())
                .map(b -> b.getDomAttribute("data-action")).toList();
    }

    /** Clicks an action, answers its confirmation dialog (typing input first when not null) and waits for it to close. */
    protected void confirm(WebElement action, String input) {
        action.click();
        if (input != null) {
            await(By.id("dialog-input")).sendKeys(input);
        }
        await(By.id("dialog-yes")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog"), 0));
    }

    /** Waits until a <progress> inside the element shows this fraction. */
    protected void awaitProgress(By container, double fraction) {
        wait.until(d -> {
            var bars = d.findElements(container).stream().flatMap(c -> c.findElements(By.tagName("progress")).stream()).toList();
            return !bars.isEmpty() && Double.parseDouble(bars.get(0).getDomProperty("value")) >= fraction;
        });
    }

    /** The page's message area, once it says something. */
    String message() {
        wait.until(d -> !d.findElement(By.id("message")).getText().isBlank());
        return browser.findElement(By.id("message")).getText();
    }
}

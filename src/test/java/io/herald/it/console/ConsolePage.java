package io.herald.it.console;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
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

    /**
     * The visible controls of the page (links, buttons, fields) that the Tab key does not reach, in one pass from the
     * top of the page; empty when the page can be used with the keyboard alone.
     */
    List<String> controlsTabMisses() {
        @SuppressWarnings("unchecked")
        List<String> controls = (List<String>) browser.executeScript("""
                let n = 0;
                return [...document.querySelectorAll('a[href], button:not([disabled]), input, select, textarea')]
                    .filter((e) => e.getClientRects().length > 0 && !e.closest('[hidden]'))
                    .map((e) => { e.dataset.kb = 'kb' + (n++); return e.dataset.kb + ' ' + (e.id || e.textContent.trim()); });""");
        browser.executeScript("""
                const top = document.getElementById('top');
                top.tabIndex = -1;
                top.focus();
                top.removeAttribute('tabindex');""");         // the next Tab goes to the header's first link
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < controls.size() + 5; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            Object kb = browser.executeScript("return document.activeElement.dataset.kb || null;");
            if (kb != null) {
                reached.add((String) kb);
            }
        }
        return controls.stream().filter(c -> !reached.contains(c.substring(0, c.indexOf(' ')))).toList();
    }

    /** The fields and buttons without a label (a <label for>, its text or an aria-label): each must say what it is. */
    List<String> unlabelledControls() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('button, input, select, textarea')].filter((e) => e.tagName === 'BUTTON'
                        ? !(e.textContent.trim() || e.getAttribute('aria-label'))
                        : !((e.labels && e.labels.length) || e.getAttribute('aria-label'))).map((e) => e.outerHTML);""");
        return unlabelled;
    }

    /**
     * What makes the page scroll sideways 390 pixels wide (a phone): the elements reaching past its right edge, as
     * "tag#id.class"; empty when it needs no sideways scrolling. Saves a screenshot; the window is 1280 wide again after.
     */
    List<String> widerThanAPhone(String screenshot) {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            wait.until(d -> ((Number) browser.executeScript("return window.innerWidth")).intValue() <= 390);
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) browser.executeScript("""
                    const width = document.documentElement.clientWidth;
                    if (document.documentElement.scrollWidth <= width) {
                        return [];
                    }
                    return [...document.querySelectorAll('body *')]
                        .filter((e) => e.getBoundingClientRect().right > width + 1)
                        .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 1))
                        .slice(0, 10).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                            + (e.className && typeof e.className === 'string' ? '.' + e.className : ''));""");
            story.screenshot(screenshot);
            return wide;
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    /** The page's message area, once it says something. */
    String message() {
        wait.until(d -> !d.findElement(By.id("message")).getText().isBlank());
        return browser.findElement(By.id("message")).getText();
    }
}

package io.herald.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** What every console page owes its reader: each control labelled and reached with Tab, and readable on a phone. */
class EveryPageBrowserIT extends BrowserStory {

    private static final List<String> PAGES = List.of("campaigns.html", "templates.html", "lists.html", "imports.html",
            "suppressions.html", "audit.html");

    @Test
    void everyPageIsUsableWithTheKeyboardAndReadableOnAPhone() {
        long listId = listOf(2);
        long templateId = personalisedTemplate();
        campaign(templateId, listId);
        logInAsAdmin();

        for (String name : PAGES) {
            var page = new ConsolePage(this) { };
            page.open(name);
            wait.until(d -> !d.findElements(By.cssSelector("main table, main .empty")).isEmpty());
            assertEquals(List.of(), page.unlabelledControls(), name + ": controls without a label");
            assertEquals(List.of(), page.controlsTabMisses(), name + ": controls Tab does not reach");
            assertEquals(List.of(), page.widerThanAPhone("console-" + name.replace(".html", "") + "-390px"),
                    name + " needs sideways scrolling 390 pixels wide");
        }
        for (String name : List.of("template.html?id=" + templateId, "list.html?id=" + listId)) {
            var page = new ConsolePage(this) { };
            page.open(name);
            assertEquals(List.of(), page.unlabelledControls(), name + ": controls without a label");
            assertEquals(List.of(), page.widerThanAPhone("console-" + name.replaceAll("\\.html.*", "") + "-390px"), name);
        }
    }
}

package io.herald.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A template written in the browser: the preview follows each keystroke, then shows what a campaign sends. */
class TemplatesBrowserIT extends BrowserStory {

    @Test
    void writeTemplateSeePreviewChange() {
        logInAsAdmin();
        var page = TemplatePage.blank(this)
                .write("name", "Welcome " + domain)
                .write("subject", "Welcome, {{name}}")
                .write("html", "<h1>Hello {{name}}</h1><p>Your code: <b>{{code}}</b></p>")
                .write("text", "Hello {{name}}, your code is {{code}}.")
                .awaitSubject("Welcome, Ada Lovelace");
        assertTrue(page.html("Hello Ada Lovelace").contains("Your code: C-1"));

        page.write("sample-name", "Grace <Hopper>").awaitSubject("Welcome, Grace <Hopper>");
        assertTrue(page.html("Hello Grace <Hopper>").contains("Hello Grace <Hopper>"), "escaped, shown as text");
        assertEquals("Hello Grace <Hopper>, your code is C-1.", page.text());

        long templateId = page.saveNew();
        assertEquals("<h1>Hello {{name}}</h1><p>Your code: <b>{{code}}</b></p>",
                api.get("templates/" + templateId).object().getString("html"));

        long campaignId = campaign(templateId, listOf(2));
        page = TemplatePage.of(this, templateId).chooseCampaign(campaignId).awaitSubject("Welcome, Person 0");
        assertTrue(page.html("Hello Person 0").contains("Your code: C-0"));
        String score = page.preflight();
        assertTrue(score.startsWith("Score "), score);
        screenshot("console-template");
    }
}

package io.herald.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documented rule for a {{placeholder}} that a recipient's attributes do not hold: it renders as empty text,
 * in every part, and the message is still sent (MessageProcessor never skips a recipient for it).
 */
class MissingPlaceholderTest {

    private static final CompiledTemplate TEMPLATE = compile(
            "Hello {{first_name}}, your code {{code}}",
            "<p>Dear {{first_name}}, your code is <b>{{code}}</b>.</p>",
            "Dear {{first_name}}, your code is {{code}}.");

    private static CompiledTemplate compile(String subject, String html, String text) {
        try {
            return TemplateRenderer.compile(subject, html, text);
        } catch (TemplateSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingPlaceholderRendersEmptyInEveryPart() {
        RenderedContent out = TEMPLATE.render(Map.of("first_name", "Ada"));

        assertEquals(new RenderedContent("Hello Ada, your code", "<p>Dear Ada, your code is <b></b>.</p>",
                "Dear Ada, your code is ."), out);
    }

    @Test
    void recipientWithoutAnyAttributeStillGetsAMessage() {
        assertEquals(new RenderedContent("Hello , your code", "<p>Dear , your code is <b></b>.</p>", "Dear , your code is ."),
                TEMPLATE.render(Map.of()));
        assertEquals(TEMPLATE.render(Map.of()), TEMPLATE.render(null));
    }

    @Test
    void anEmptyValueRendersLikeAMissingOne() {
        assertEquals(TEMPLATE.render(Map.of("first_name", "Ada")), TEMPLATE.render(Map.of("first_name", "Ada", "code", "")));
    }

    @Test
    void anInvertedSectionGivesAFallbackForAMissingPlaceholder() {
        CompiledTemplate t = compile("s", null, "{{#nickname}}Hi {{nickname}}{{/nickname}}{{^nickname}}Hello there{{/nickname}}!");

        assertEquals("Hello there!", t.render(Map.of("first_name", "Ada")).text());
        assertEquals("Hi Addy!", t.render(Map.of("nickname", "Addy")).text());
    }

    @Test
    void aMissingDottedPlaceholderIsEmptyToo() {
        assertEquals("[]", compile("s", null, "[{{company.name}}]").render(Map.of("company", "ACME")).text());
    }
}

package io.herald.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rendering rules operators and recipients rely on, including the security ones. */
class TemplateRendererTest {

    private static RenderedContent render(String subject, String html, String text, Map<String, String> scope)
            throws TemplateSyntaxException {
        return TemplateRenderer.compile(subject, html, text).render(scope);
    }

    @Test
    void personalisesEveryPart() throws Exception {
        RenderedContent out = render("Hello {{first_name}}", "<p>Hi {{first_name}} from {{company.name}}</p>",
                "Hi {{first_name}} from {{company.name}}", Map.of("first_name", "Ada", "company.name", "ACME"));

        assertEquals(new RenderedContent("Hello Ada", "<p>Hi Ada from ACME</p>", "Hi Ada from ACME"), out);
    }

    @Test
    void absentBodiesRenderAsNull() throws Exception {
        RenderedContent out = render("Hi", null, null, Map.of());

        assertEquals("Hi", out.subject());
        assertNull(out.html());
        assertNull(out.text());
    }

    @Test
    void nullSubjectIsRefused() {
        assertThrows(NullPointerException.class, () -> TemplateRenderer.compile(null, "<p>x</p>", null));
    }

    @Test
    void valuesAreHtmlEscapedInHtmlOnly() throws Exception {
        String hostile = "<script>alert(1)</script> \"&'";
        RenderedContent out = render("{{v}}", "<p>{{v}}</p>", "{{v}}", Map.of("v", hostile));

        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;</p>", out.html());
        assertEquals(hostile, out.text());
        assertEquals(hostile, out.subject());
    }

    @Test
    void subjectKeepsAmpersandsAsWritten() throws Exception {
        assertEquals("Tom & Jerry", render("{{a}} & {{b}}", null, "x", Map.of("a", "Tom", "b", "Jerry")).subject());
    }

    @Test
    void tripleStacheInHtmlIsNotEscaped() throws Exception {
        assertEquals("<b>x</b>|<b>x</b>", render("s", "{{{v}}}|{{& v}}", null, Map.of("v", "<b>x</b>")).html());
    }

    @Test
    void lineBreaksInSubjectBecomeOneSpace() throws Exception {
        RenderedContent out = render("  Hello {{name}}\n", null, "x", Map.of("name", "Ada\r\nBcc: victim@example.org\rX\nY"));

        assertEquals("Hello Ada Bcc: victim@example.org X Y", out.subject());
    }

    @Test
    void lineBreaksInTextBodyAreKept() throws Exception {
        assertEquals("a\r\nb", render("s", null, "{{v}}", Map.of("v", "a\r\nb")).text());
    }

    @Test
    void dottedNamesNeverReachObjectMembers() throws Exception {
        String template = "[{{name.class}}][{{name.bytes}}][{{name.length}}][{{name.empty}}][{{#name.bytes}}x{{/name.bytes}}]";
        RenderedContent out = render(template, template, template, Map.of("name", "Ada"));

        assertEquals("[][][][][]", out.subject());
        assertEquals("[][][][][]", out.html());
        assertEquals("[][][][][]", out.text());
    }

    @Test
    void implicitIteratorDoesNotPrintTheAttributeMap() throws Exception {
        assertEquals("[]", render("s", null, "[{{.}}]", Map.of("secret", "s3cret")).text());
    }

    @Test
    void attributeValuesAreNotRenderedAsTemplates() throws Exception {
        assertEquals("{{secret}}", render("s", null, "{{v}}", Map.of("v", "{{secret}}", "secret", "x")).text());
    }

    @Test
    void missingKeyRendersEmpty() throws Exception {
        assertEquals("Hi !", render("s", null, "Hi {{nickname}}!", Map.of()).text());
    }

    @Test
    void sectionsAreConditionalsOnNonEmptyValues() throws Exception {
        String text = "{{#vip}}VIP {{vip}}{{/vip}}{{^vip}}regular{{/vip}}";
        CompiledTemplate t = TemplateRenderer.compile("s", null, text);

        assertEquals("VIP gold", t.render(Map.of("vip", "gold")).text());
        assertEquals("regular", t.render(Map.of("vip", "")).text());
        assertEquals("regular", t.render(Map.of()).text());
    }

    @Test
    void sectionShowsItsContentOnceAndCanPrintItsValue() throws Exception {
        assertEquals("[abc]", render("s", null, "{{#v}}[{{.}}]{{/v}}", Map.of("v", "abc")).text());
    }

    @Test
    void partialsAreRejectedNamingTheField() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> TemplateRenderer.compile("s", "<p>\n{{> /etc/passwd}}</p>", null));

        assertEquals("html", e.field());
        assertTrue(e.problem().contains("partials are not allowed"), e.problem());
        assertTrue(e.problem().contains("line 2"), e.problem());
    }

    @Test
    void dynamicPartialsAndInheritanceAreRejected() {
        assertEquals("text", assertThrows(TemplateSyntaxException.class,
                () -> TemplateRenderer.compile("s", null, "{{>*file}}")).field());
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> TemplateRenderer.compile("{{<layout}}{{/layout}}", null, "x"));
        assertEquals("subject", e.field());
        assertTrue(e.problem().contains("not allowed"), e.problem());
    }

    @Test
    void unclosedSectionNamesFieldAndProblem() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> TemplateRenderer.compile("Hi {{#vip}}there", "<p></p>", "x"));

        assertEquals("subject", e.field());
        assertEquals("Failed to close 'vip' tag at line 1", e.problem());
    }

    @Test
    void mismatchedCloseNamesFieldAndProblem() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> TemplateRenderer.compile("s", "<p>\n{{#a}}x{{/b}}</p>", "x"));

        assertEquals("html", e.field());
        assertEquals("Mismatched start/end tags: a != b at line 2", e.problem());
    }

    @Test
    void unclosedTagNamesFieldAndProblem() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> TemplateRenderer.compile("s", "<p>ok</p>", "line one\nHi {{name"));

        assertEquals("text", e.field());
        assertEquals("Improperly closed variable at line 2", e.problem());
    }

    @Test
    void compiledTemplateIsSafeToShareAcrossThreads() throws Exception {
        CompiledTemplate t = TemplateRenderer.compile("Hi {{n}}", "<p>{{#n}}{{n}}{{/n}}</p>", "{{n}}");
        List<Callable<Boolean>> renders = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String name = "r" + i;
            renders.add(() -> {
                Map<String, String> scope = new HashMap<>();
                scope.put("n", name);
                RenderedContent out = t.render(scope);
                return out.equals(new RenderedContent("Hi " + name, "<p>" + name + "</p>", name));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Boolean> result : pool.invokeAll(renders)) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}

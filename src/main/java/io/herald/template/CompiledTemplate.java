package io.herald.template;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A template compiled once per campaign and rendered once per recipient.
 *
 * <p>Thread-safe and reusable: it holds only the compiled Mustache trees, whose bindings are stateless
 * (see {@link AttributeLookup}); every render writes to its own buffer.
 */
public final class CompiledTemplate {

    // A CR or LF in the subject would let an attribute value start a new mail header (header injection).
    private static final Pattern LINE_BREAKS = Pattern.compile("[\r\n]+");

    private final Mustache subject;
    private final Mustache html;
    private final Mustache text;

    CompiledTemplate(Mustache subject, Mustache html, Mustache text) {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    /** Renders for one recipient; a missing key renders as empty, and a part without a template as null. */
    public RenderedContent render(Map<String, String> scope) {
        Map<String, String> attributes = scope == null ? Map.of() : scope;
        return new RenderedContent(
                oneLine(run(subject, attributes)),
                run(html, attributes),
                run(text, attributes));
    }

    private static String run(Mustache template, Map<String, String> attributes) {
        if (template == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        template.execute(out, attributes);
        return out.toString();
    }

    /** Each run of CR/LF becomes one space, so "Hello\r\nBcc: x" stays a single, harmless subject line. */
    private static String oneLine(String subject) {
        return LINE_BREAKS.matcher(subject).replaceAll(" ").trim();
    }
}

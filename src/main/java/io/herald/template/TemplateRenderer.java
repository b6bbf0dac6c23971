package io.herald.template;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import java.io.StringReader;
import java.util.Objects;
import java.util.regex.Pattern;

/** Compiles an operator's subject, HTML and text templates into a reusable, restricted Mustache template. */
public final class TemplateRenderer {

    // Factories are stateless after construction (a visitor is made per compile), so one of each is shared.
    private static final RestrictedMustacheFactory HTML = new RestrictedMustacheFactory(true);
    private static final RestrictedMustacheFactory PLAIN = new RestrictedMustacheFactory(false);

    private TemplateRenderer() {
    }

    /**
     * Compiles the three parts of a template; throws TemplateSyntaxException naming the field ("subject",
     * "html" or "text") and the problem (with line if mustache gives it). html and text may be null (then
     * that part renders to null). subject must not be null.
     */
    public static CompiledTemplate compile(String subject, String html, String text) throws TemplateSyntaxException {
        Objects.requireNonNull(subject, "subject");
        return new CompiledTemplate(
                parse("subject", subject, PLAIN),
                html == null ? null : parse("html", html, HTML),
                text == null ? null : parse("text", text, PLAIN));
    }

    private static Mustache parse(String field, String source, RestrictedMustacheFactory factory)
            throws TemplateSyntaxException {
        try {
            // The field is the template's "file" name, so mustache's own messages point at the right part.
            return factory.compile(new StringReader(source), field);
        } catch (MustacheException e) {
            throw new TemplateSyntaxException(field, describe(e, field));
        }
    }

    /**
     * Turns "Failed to close 'a' tag @[html:3]" or "Mismatched start/end tags: a != b in html:3 @[html:3]"
     * into "... at line 3": the operator already knows which field, and the line is what they need.
     */
    static String describe(MustacheException e, String field) {
        String message = String.valueOf(e.getMessage());
        TemplateContext where = e.getContext();
        if (where == null) {
            return message;
        }
        String bare = message.replace(" @" + where, "")
                .replaceAll(" ?in " + Pattern.quote(field) + ":\\d+(@\\d+)?", "");
        return bare + " at line " + where.line();
    }
}

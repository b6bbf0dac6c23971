package io.herald.template;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.ObjectHandler;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.util.Wrapper;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Resolves a {{name}} to the value of that exact key in the recipient's attribute map, and to nothing else.
 *
 * <p>mustache.java's default handler walks dotted names with reflection, so {{name.bytes}} or
 * {{name.class}} would call methods on our objects; a template is operator input and an attribute value
 * is recipient input, so neither may reach a method. Here a dotted name is just a flat key
 * ("company.name"), only String values are ever read, and anything else renders as empty.
 */
final class AttributeLookup implements ObjectHandler {

    static final AttributeLookup INSTANCE = new AttributeLookup();

    private AttributeLookup() {
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        // Stateless, unlike mustache's caching GuardedBinding, so compiled templates stay safe to share.
        return scopes -> lookup(name, scopes);
    }

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        return ignored -> lookup(name, scopes);
    }

    /** The innermost attribute map that holds the key wins; section values pushed as scopes are skipped. */
    private static String lookup(String name, List<Object> scopes) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i) instanceof Map<?, ?> attributes && attributes.get(name) instanceof String value) {
                return value;
            }
        }
        return null;
    }

    @Override
    public Object coerce(Object object) {
        return object;
    }

    /** A section shows its content once when the value is a non-empty string; there are no lists to loop over. */
    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        return isTruthy(object) ? iteration.next(writer, object, scopes) : writer;
    }

    /** An inverted section shows its content when the value is missing or empty. */
    @Override
    public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        return isTruthy(object) ? writer : iteration.next(writer, object, scopes);
    }

    /** Only strings are printed: {{.}} at the top level would otherwise print the whole attribute map. */
    @Override
    public String stringify(Object object) {
        return object instanceof String value ? value : "";
    }

    private static boolean isTruthy(Object object) {
        return object instanceof String value && !value.isEmpty();
    }
}

package io.herald.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A mustache.java factory for operator-written templates: it never loads another template, resolves
 * names only in the attribute map, and HTML-escapes values only for the HTML body.
 */
final class RestrictedMustacheFactory extends DefaultMustacheFactory {

    private final boolean escapeHtml;

    RestrictedMustacheFactory(boolean escapeHtml) {
        // Partials and {{<parent}} are rejected while parsing; this resolver is the second lock on the
        // file system in case a future mustache.java version loads templates some other way.
        super(name -> {
            throw new MustacheException("templates cannot load other templates (" + name + ")");
        });
        this.escapeHtml = escapeHtml;
        setObjectHandler(AttributeLookup.INSTANCE);
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new DefaultMustacheVisitor(this) {
            @Override
            public void partial(TemplateContext tc, String variable, String indent) {
                throw new MustacheException("partials are not allowed ({{> " + variable + "}})", tc);
            }

            @Override
            public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                throw new MustacheException("partials are not allowed ({{>* " + variable + "}})", tc);
            }

            @Override
            public void extend(TemplateContext tc, String variable, Mustache mustache) {
                throw new MustacheException("template inheritance is not allowed ({{< " + variable + "}})", tc);
            }
        };
    }

    /** Subject and text are not HTML, so "Tom & Jerry" must reach the recipient unchanged there. */
    @Override
    public void encode(String value, Writer writer) {
        if (escapeHtml) {
            super.encode(value, writer);
            return;
        }
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

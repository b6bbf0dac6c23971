package io.herald.template;

/** A template an operator wrote that cannot be compiled: the part at fault and what is wrong with it. */
public class TemplateSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field   "subject", "html" or "text", so the API can point the operator at the right box
     * @param problem what is wrong, with the line when mustache reports one
     */
    public TemplateSyntaxException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}

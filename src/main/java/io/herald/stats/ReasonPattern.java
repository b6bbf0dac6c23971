package io.herald.stats;

import java.util.List;

/**
 * How a failure's reply text becomes the pattern the statistics group by, so that "550 5.1.1 <a@x.example>: User
 * unknown" and "550 5.1.1 <b@y.example>: User unknown" count as one reason. The rules run in the database (see
 * {@link #sql}); {@link #apply} is the same rules in Java, which is how H2 runs them (Java regular expressions).
 * In order:
 * <ol>
 * <li>a leading reply code ("550 " or "550-") and the enhanced code after it ("5.1.1 ") are removed: they are
 *     reported in their own fields;</li>
 * <li>every e-mail address (a run of characters other than space, {@code <>@:;,()"} around an '@') becomes
 *     {@value #ADDRESS};</li>
 * <li>every word holding a digit (numbers, queue ids, IP address parts, sizes, dates) becomes {@value #ID};</li>
 * <li>the result is cut to {@value #MAX_LENGTH} characters.</li>
 * </ol>
 */
public final class ReasonPattern {

    public static final String ADDRESS = "{address}";
    public static final String ID = "#";
    public static final int MAX_LENGTH = 200;

    /** One replacement: every match of the regex (portable between Java, H2 and PostgreSQL) by the text. */
    record Rule(String regex, String replacement) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("^[2-5][0-9][0-9][ -]([2-5][.][0-9]{1,3}[.][0-9]{1,3} )?", ""),
            new Rule("[^ <>@:;,()\"]+@[^ <>@:;,()\"]+", ADDRESS),
            new Rule("[A-Za-z0-9]*[0-9][A-Za-z0-9]*", ID));

    private ReasonPattern() {
    }

    /** The SQL expression that turns the text expression into its pattern on this dialect. */
    public static String sql(SqlDialect dialect, String textExpression) {
        String sql = textExpression;
        for (Rule r : RULES) {
            sql = dialect.replaceAll(sql, r.regex(), r.replacement());
        }
        return "SUBSTRING(" + sql + " FROM 1 FOR " + MAX_LENGTH + ")";
    }

    /** The same rules applied in Java (null stays null). */
    public static String apply(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (Rule r : RULES) {
            s = s.replaceAll(r.regex(), r.replacement());
        }
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }
}

package io.herald.deliverability;

/** HTML escaping for every value written into a recipient's page: text and double-quoted attribute values alike. */
public final class Html {

    private Html() {
    }

    /** The text with &amp; &lt; &gt; &quot; and &#39; escaped; null is written as nothing. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package io.herald.audit;

import java.util.List;

/**
 * Writes CSV records (RFC 4180: comma separated, CRLF line ends, a field holding a comma, a quote, CR or LF in
 * double quotes with its quotes doubled) that a spreadsheet opens as text: a field starting with =, +, -, @, a tab
 * or a CR would be read as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets show as
 * text and do not evaluate. A reply text such as "=HYPERLINK(...)" written by a hostile SMTP server stays text.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** One record, CRLF included; a null field is empty. */
    static String record(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One field, defused and quoted as needed. */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeFormula(value) ? "'" + value : value;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean startsLikeFormula(String value) {
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}

package io.herald.recipient.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the common record into its fields without Commons CSV, whose parser costs more to set up for one record
 * than the record takes to read: comma-separated fields, each either plain or wholly in double quotes ("" for a
 * quote, commas and line breaks inside), ended by LF, CRLF or the end of the file. Anything else (a quote inside a
 * plain field, text after a closing quote, a quote never closed, a lone CR) gives null, and CsvRecords asks Commons
 * CSV, which stays the judge of RFC 4180: CsvFieldsTest checks that both agree wherever this gives fields.
 */
final class CsvFields {

    private static final char QUOTE = '"';
    private static final char DELIMITER = ',';
    /** Commons CSV's mark for a disabled escape or comment character: in a record, it must judge it. */
    private static final char COMMONS_DISABLED = '\ufffe';

    private CsvFields() {
    }

    /** The fields of one record's text (with its line break, if any), or null when Commons CSV must read it. */
    static List<String> split(String text) {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        if (end == 0 || text.indexOf(COMMONS_DISABLED) >= 0) {
            return null;
        }
        List<String> fields = new ArrayList<>(8);
        int at = 0;
        while (true) {
            int next;
            if (text.charAt(at) == QUOTE) {
                next = quoted(text, at, end, fields);
            } else {
                next = plain(text, at, end, fields);
            }
            if (next < 0) {
                return null;
            }
            if (next == end) {
                return fields;
            }
            at = next + 1;            // past the delimiter
            if (at == end) {
                fields.add("");       // "a," ends with an empty field
                return fields;
            }
        }
    }

    /** Adds the plain field at {@code at}; returns where it ends (a delimiter or end), or -1. */
    private static int plain(String text, int at, int end, List<String> fields) {
        int i = at;
        while (i < end) {
            char c = text.charAt(i);
            if (c == DELIMITER) {
                break;
            }
            if (c == QUOTE || c == '\r' || c == '\n') {
                return -1;
            }
            i++;
        }
        fields.add(text.substring(at, i));
        return i;
    }

    /** Adds the quoted field that opens at {@code at}; returns where it ends (a delimiter or end), or -1. */
    private static int quoted(String text, int at, int end, List<String> fields) {
        StringBuilder unquoted = null;
        int from = at + 1;
        while (true) {
            int quote = text.indexOf(QUOTE, from);
            if (quote < 0 || quote >= end) {
                return -1;                                  // never closed
            }
            if (quote + 1 < end && text.charAt(quote + 1) == QUOTE) {
                unquoted = (unquoted == null ? new StringBuilder() : unquoted).append(text, from, quote + 1);
                from = quote + 2;                           // "" is one quote
                continue;
            }
            fields.add(unquoted == null ? text.substring(from, quote) : unquoted.append(text, from, quote).toString());
            int after = quote + 1;
            return after == end || text.charAt(after) == DELIMITER ? after : -1;
        }
    }
}

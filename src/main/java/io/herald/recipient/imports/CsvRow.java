package io.herald.recipient.imports;

import java.util.List;

/**
 * One record of an import file as read, before any recipient rule: the line it starts on, its raw text, and either its
 * fields or why it could not be read (broken quoting, invalid UTF-8, too long). {@code header} is the header the
 * fields belong to (null for the header row itself).
 */
public record CsvRow(CsvHeader header, long line, String raw, List<String> fields, String problem) {

    static CsvRow read(CsvHeader header, long line, String raw, List<String> fields) {
        return new CsvRow(header, line, raw, List.copyOf(fields), null);
    }

    static CsvRow unreadable(CsvHeader header, long line, String raw, String problem) {
        return new CsvRow(header, line, raw, List.of(), problem);
    }
}

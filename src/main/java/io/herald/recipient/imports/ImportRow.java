package io.herald.recipient.imports;

/**
 * One record of the file on its way to the writer: the recipient it makes, or the reason it is rejected (then entry is
 * null); with its line number and raw text for the rejection report.
 */
public record ImportRow(long line, String raw, Entry entry, String reason) {

    /**
     * A recipient as the writer stores it: the address trimmed, its key (Recipient.keyOf: one recipient per key and
     * list), the display name (null if blank) and the attributes as stored, a JSON object (null if none).
     */
    public record Entry(String email, String key, String name, String attributes) {
    }

    static ImportRow accepted(CsvRow row, Entry entry) {
        return new ImportRow(row.line(), row.raw(), entry, null);
    }

    static ImportRow rejected(CsvRow row, String reason) {
        return new ImportRow(row.line(), row.raw(), null, reason);
    }

    boolean isAccepted() {
        return reason == null;
    }
}

package io.herald.recipient.imports;

import io.herald.recipient.RecipientRequest;

/**
 * One record of the file on its way to the writer: the recipient entry it makes, or the reason it is rejected (then
 * entry is null); with its line number and raw text for the rejection report.
 */
public record ImportRow(long line, String raw, RecipientRequest entry, String reason) {

    static ImportRow accepted(CsvRow row, RecipientRequest entry) {
        return new ImportRow(row.line(), row.raw(), entry, null);
    }

    static ImportRow rejected(CsvRow row, String reason) {
        return new ImportRow(row.line(), row.raw(), null, reason);
    }

    boolean isAccepted() {
        return reason == null;
    }
}

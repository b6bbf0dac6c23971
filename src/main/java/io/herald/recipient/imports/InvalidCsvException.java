package io.herald.recipient.imports;

import java.io.IOException;

/** A file that cannot be imported at all (no header row, no email column, ...): the message says why. */
public class InvalidCsvException extends IOException {

    public InvalidCsvException(String problem) {
        super(problem);
    }
}

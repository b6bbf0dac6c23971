package io.herald.recipient.imports;

import java.io.Serializable;

/**
 * The import step's checkpoint: the line number and byte offset of the next record to read. A restart opens the
 * file, reads its header again and goes straight to this offset; the header is line 1.
 */
public record ImportCheckpoint(long line, long offset) implements Serializable {
}

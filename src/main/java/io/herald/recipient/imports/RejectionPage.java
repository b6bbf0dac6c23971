package io.herald.recipient.imports;

import java.util.List;

/** GET /imports/{id}/rejections: one page of the rejection report, in line order. */
public record RejectionPage(int page, int size, long total, List<Item> items) {

    /** A rejected record: the line it starts on (the header is line 1), its text as in the file, and why. */
    public record Item(long line, String raw, String reason) {

        static Item of(ImportRejection r) {
            return new Item(r.getLineNumber(), r.getRawLine(), r.getReason());
        }
    }
}

package io.herald.audit;

import java.util.List;

/** GET /audit: one page of audit entries, oldest first, with the total matching the filter. */
public record AuditPage(int page, int size, long total, List<AuditEntryView> items) {
}

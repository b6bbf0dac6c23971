package io.herald.audit;

import io.herald.mail.AddressNormalizer;
import io.herald.platform.ApiException;
import io.herald.recipient.Recipient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which audit entries GET /audit and GET /audit/export return: those of one address (matched as Herald matches
 * addresses: the domain case-insensitive and as A-labels, the local part exactly), attempted from {@code from}
 * (inclusive) to {@code to} (exclusive); each bound is optional.
 */
record AuditFilter(String addressKey, Instant from, Instant to) {

    /**
     * Parses the query parameters; 400 naming the field when one is invalid or the range is empty (to not after from). A bound is an
     * ISO-8601 instant ("2026-11-26T10:15:30Z", or with an offset "+01:00") or a date ("2026-11-26", a UTC day:
     * from = its start, to = its end, so from=to=2026-11-26 is that whole day).
     */
    static AuditFilter parse(String address, String from, String to) {
        Instant start = bound("from", from, false);
        Instant end = bound("to", to, true);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiException.badRequest("to", "to (" + end + ", exclusive) must be after from (" + start + ")");
        }
        return new AuditFilter(key(address), start, end);
    }

    /** The SQL condition ("WHERE ..." or ""), whose parameters params() gives in order. */
    String where() {
        List<String> conditions = new ArrayList<>();
        if (addressKey != null) {
            conditions.add("rcpt_key = ?");
        }
        if (from != null) {
            conditions.add("attempted_at >= ?");
        }
        if (to != null) {
            conditions.add("attempted_at < ?");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<Object> params() {
        List<Object> params = new ArrayList<>();
        if (addressKey != null) {
            params.add(addressKey);
        }
        if (from != null) {
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        return params;
    }

    private static String key(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        AddressNormalizer.Result checked = AddressNormalizer.normalize(address.trim());
        if (!checked.valid()) {
            throw ApiException.badRequest("address", "address '" + address + "' is not a valid e-mail address: "
                    + checked.problem());
        }
        return Recipient.keyOf(checked.address());
    }

    static Instant bound(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException notInstant) {
                try {
                    LocalDate day = LocalDate.parse(v);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw ApiException.badRequest(field, field + " '" + value + "' is neither an ISO-8601 instant"
                            + " (2026-11-26T10:15:30Z) nor a date (2026-11-26)");
                }
            }
        }
    }
}

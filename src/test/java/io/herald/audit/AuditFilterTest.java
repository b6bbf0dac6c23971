package io.herald.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.platform.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

    @Test
    void anAddressIsMatchedByItsKeyCaseInsensitiveWithTheDomainAsALabels() {
        assertEquals("bob@example.com", AuditFilter.parse(" Bob@Example.COM ", null, null).addressKey());
        assertEquals("jörg@xn--bcher-kva.example", AuditFilter.parse("jörg@bücher.example", null, null).addressKey());
    }

    @Test
    void boundsAreInstantsOrWholeUtcDays() {
        AuditFilter f = AuditFilter.parse(null, "2026-11-26", "2026-11-26");
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), f.from());
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), f.to());
        AuditFilter g = AuditFilter.parse(null, "2026-11-26T10:15:30Z", "2026-11-26T12:00:00+01:00");
        assertEquals(Instant.parse("2026-11-26T10:15:30Z"), g.from());
        assertEquals(Instant.parse("2026-11-26T11:00:00Z"), g.to());
    }

    @Test
    void theConditionHasOneParameterPerGivenField() {
        AuditFilter f = AuditFilter.parse("a@x.example", "2026-01-01", null);
        assertEquals(" WHERE rcpt_key = ? AND attempted_at >= ?", f.where());
        assertEquals(2, f.params().size());
        AuditFilter none = AuditFilter.parse("", " ", null);
        assertEquals("", none.where());
        assertEquals(List.of(), none.params());
        assertNull(none.addressKey());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertEquals("from", refused(() -> AuditFilter.parse(null, "yesterday", null)));
        assertEquals("to", refused(() -> AuditFilter.parse(null, null, "2026-13-01")));
        assertEquals("address", refused(() -> AuditFilter.parse("not an address", null, null)));
        assertEquals("to", refused(() -> AuditFilter.parse(null, "2026-11-26T10:00:00Z", "2026-11-26T09:59:59Z")));
        assertEquals("to", refused(() -> AuditFilter.parse(null, "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z")));
        assertEquals("to", refused(() -> AuditFilter.parse(null, "2026-11-27", "2026-11-26")));
    }

    @Test
    void retentionIsAPositiveWholeNumberOfDays() {
        assertEquals(180, AuditRetention.parse(name -> null).days());
        assertEquals(30, AuditRetention.parse(only("30")).days());
        assertEquals(180, AuditRetention.parse(only(" ")).days());
        var e = assertThrows(IllegalArgumentException.class, () -> AuditRetention.parse(only("six months")));
        assertEquals("herald.audit.retention-days (HERALD_AUDIT_RETENTION_DAYS) must be a whole number of days,"
                + " not 'six months'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditRetention.parse(only("0")));
    }

    private static UnaryOperator<String> only(String value) {
        return name -> name.equals(AuditRetention.PROPERTY) ? value : null;
    }

    private static String refused(Runnable r) {
        return assertThrows(ApiException.class, r::run).field();
    }
}

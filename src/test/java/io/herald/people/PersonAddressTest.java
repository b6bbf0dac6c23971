package io.herald.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.platform.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonAddressTest {

    @Test
    void theAddressIsMatchedByHeraldsKeyCaseInsensitive() {
        PersonAddress p = PersonAddress.of("  Ann@Example.COM ");

        assertEquals("Ann@Example.COM", p.address());
        assertEquals("ann@example.com", p.key());
        assertEquals(Set.of("ann@example.com"), p.spellings());
    }

    @Test
    void anInternationalDomainIsAlsoLookedForAsSent() {
        assertEquals(Set.of("jörg@bücher.example", "jörg@xn--bcher-kva.example"), PersonAddress.of("jörg@bücher.example").spellings());
    }

    @Test
    void anInvalidAddressIsRefusedNamingTheField() {
        for (String bad : new String[] {"not an address", "", "Ann <ann@example.com>"}) {
            ApiException e = assertThrows(ApiException.class, () -> PersonAddress.of(bad), bad);
            assertEquals(400, e.status());
            assertEquals("address", e.field());
        }
    }

    @Test
    void columnNamesBecomeJsonNames() {
        assertEquals("campaignId", SqlRows.camelCase("CAMPAIGN_ID"));
        assertEquals("rcptTo", SqlRows.camelCase("rcpt_to"));
        assertEquals("id", SqlRows.camelCase("id"));
    }
}

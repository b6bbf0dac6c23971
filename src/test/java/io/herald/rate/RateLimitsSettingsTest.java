package io.herald.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Specifies how herald.rate.global and herald.rate.domains are read, and that a bad one stops the deployment. */
class RateLimitsSettingsTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(RateSettings.GLOBAL_PROPERTY);
        System.clearProperty(RateSettings.DOMAINS_PROPERTY);
    }

    @Test
    void domainsAreReadIgnoringCaseSpacesAndATrailingComma() {
        RateSettings s = RateSettings.parse(null, " gmail.com=10, Yahoo.COM = 5 ,");

        assertEquals(0, s.globalPerSecond());
        assertEquals(Map.of("gmail.com", 10, "yahoo.com", 5), s.domainPerSecond());
    }

    @Test
    void blankOrMissingMeansNoLimit() {
        assertEquals(RateSettings.NONE, RateSettings.parse(null, null));
        assertEquals(RateSettings.NONE, RateSettings.parse(" ", ""));
        assertEquals(RateSettings.NONE, RateSettings.parse("0", " , "));
    }

    @Test
    void theGlobalLimitIsAWholeNumberPerSecond() {
        assertEquals(100, RateSettings.parse(" 100 ", null).globalPerSecond());
    }

    @Test
    void aLimitAppliesToItsExactDomainOnly() {
        RateSettings s = RateSettings.parse(null, "gmail.com=10");

        assertEquals(10, s.domainPerSecond("ann@gmail.com"));
        assertEquals(10, s.domainPerSecond("ann@GMail.COM"));
        assertEquals(10, s.domainPerSecond("gmail.com."));
        assertEquals(0, s.domainPerSecond("ann@mail.gmail.com"));
        assertEquals(0, s.domainPerSecond("ann@googlemail.com"));
        assertEquals(0, s.domainPerSecond(null));
    }

    @Test
    void internationalDomainsAreComparedAsALabels() {
        RateSettings s = RateSettings.parse(null, "bücher.example=3");

        assertEquals(Map.of("xn--bcher-kva.example", 3), s.domainPerSecond());
        assertEquals(3, s.domainPerSecond("jörg@xn--bcher-kva.example"));
        assertEquals(3, s.domainPerSecond("jörg@Bücher.example"));
    }

    @Test
    void settingsBuiltInCodeFollowTheSameRules() {
        assertEquals(Map.of("gmail.com", 10), new RateSettings(0, Map.of("GMail.com", 10)).domainPerSecond());
        assertThrows(IllegalArgumentException.class, () -> new RateSettings(-1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RateSettings(0, Map.of("gmail.com", 0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gmail.com=abc              | gmail.com=abc  | 'abc' is not a whole number",
            "gmail.com=10,yahoo.com     | yahoo.com      | not domain=messages per second",
            "=10                        | =10            | the domain is missing",
            "gmail.com=0                | gmail.com=0    | at least 1 message per second",
            "gmail.com=-3               | gmail.com=-3   | at least 1 message per second",
            "gmail.com=2.5              | gmail.com=2.5  | '2.5' is not a whole number",
            "*.gmail.com=5              | *.gmail.com=5  | not a domain name",
            "ann@gmail.com=5            | ann@gmail.com=5 | not a domain name",
            "gmail.com=10,GMAIL.com=5   | GMAIL.com=5    | listed twice",
    })
    void aBadDomainEntryIsRefusedNamingIt(String value, String entry, String why) {
        var e = assertThrows(IllegalArgumentException.class, () -> RateSettings.parse(null, value));

        assertTrue(e.getMessage().startsWith("herald.rate.domains (HERALD_RATE_DOMAINS): entry '" + entry + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "1.5"})
    void aBadGlobalLimitIsRefusedNamingIt(String value) {
        var e = assertThrows(IllegalArgumentException.class, () -> RateSettings.parse(value, null));

        assertTrue(e.getMessage().startsWith("herald.rate.global (HERALD_RATE_GLOBAL)"), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void theBeanReadsTheSystemProperties() {
        System.setProperty(RateSettings.GLOBAL_PROPERTY, "50");
        System.setProperty(RateSettings.DOMAINS_PROPERTY, "gmail.com=10,yahoo.com=5");
        RateLimits limits = new RateLimits();

        limits.init();

        assertEquals(RateSettings.parse("50", "gmail.com=10,yahoo.com=5"), limits.settings());
        assertEquals("50/s in all, per domain gmail.com 10/s, yahoo.com 5/s", limits.describe());
        assertEquals("no global limit, no domain limit", new RateLimits(RateSettings.NONE).describe());
    }

    @Test
    void theBeanRefusesABadSettingWhenItStarts() {
        System.setProperty(RateSettings.DOMAINS_PROPERTY, "gmail.com=abc");
        RateLimits limits = new RateLimits();

        var e = assertThrows(IllegalArgumentException.class, limits::init);

        assertTrue(e.getMessage().contains("entry 'gmail.com=abc'"), e.getMessage());
    }
}

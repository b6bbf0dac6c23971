package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliverabilitySettingsTest {

    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret!";

    private static DeliverabilitySettings parse(String... nameValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            properties.put(nameValues[i], nameValues[i + 1]);
        }
        return DeliverabilitySettings.parse(properties::get);
    }

    private static String error(String... nameValues) {
        return assertThrows(IllegalArgumentException.class, () -> parse(nameValues)).getMessage();
    }

    @Test
    void unsetOrBlankMeansTheDefaults() {
        DeliverabilitySettings settings = parse(DeliverabilitySettings.BOUNCE_DOMAIN, " ",
                DeliverabilitySettings.DKIM_DOMAIN, "");

        assertEquals(URI.create("http://127.0.0.1:8080"), settings.publicBaseUrl());
        assertEquals(Optional.empty(), settings.bounceDomain());
        assertEquals("default", settings.senderId());
        assertEquals(Optional.empty(), settings.dkim());
    }

    @Test
    void everySettingIsRead() {
        DeliverabilitySettings settings = parse(
                DeliverabilitySettings.PUBLIC_BASE_URL, "https://news.example.com/",
                DeliverabilitySettings.BOUNCE_DOMAIN, "Bounces.Example.COM",
                DeliverabilitySettings.SENDER_ID, "acme-eu",
                DeliverabilitySettings.UNSUBSCRIBE_SECRET, SECRET,
                DeliverabilitySettings.DKIM_DOMAIN, "example.com",
                DeliverabilitySettings.DKIM_SELECTOR, "herald2025",
                DeliverabilitySettings.DKIM_KEY_FILE, "/etc/herald/dkim.pem");

        assertEquals(URI.create("https://news.example.com"), settings.publicBaseUrl());
        assertEquals(Optional.of("bounces.example.com"), settings.bounceDomain());
        assertEquals("acme-eu", settings.senderId());
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), settings.unsubscribeSecret());
        assertEquals(90, settings.unsubscribeLinkDays());
        assertEquals(Optional.of(new DeliverabilitySettings.Dkim("example.com", "herald2025",
                Path.of("/etc/herald/dkim.pem"))), settings.dkim());
    }

    @Test
    void aUnicodeBounceDomainBecomesItsALabel() {
        assertEquals(Optional.of("xn--bnce-5qa.example.com"),
                parse(DeliverabilitySettings.BOUNCE_DOMAIN, "bönce.example.com").bounceDomain());
    }

    @Test
    void withoutASecretTheDatabasesSecretsSign() {
        DeliverabilitySettings settings = parse();

        assertNull(settings.unsubscribeSecret());
        assertTrue(settings.toString().contains("unsubscribeSecret=database"), settings.toString());
    }

    @Test
    void linkDaysAreADayCountFromOneToTenYears() {
        assertEquals(7, parse(DeliverabilitySettings.UNSUBSCRIBE_LINK_DAYS, "7").unsubscribeLinkDays());
        for (String bad : new String[] {"0", "3651", "ninety", "-1"}) {
            String message = error(DeliverabilitySettings.UNSUBSCRIBE_LINK_DAYS, bad);
            assertTrue(message.startsWith("herald.unsubscribe.link-days (HERALD_UNSUBSCRIBE_LINK_DAYS) must be a number"
                    + " of days from 1 to 3650, not '" + bad + "'"), message);
        }
    }

    @Test
    void aShortSecretIsRefusedWithoutRepeatingIt() {
        String message = error(DeliverabilitySettings.UNSUBSCRIBE_SECRET, "too-short-secret");

        assertTrue(message.startsWith("herald.unsubscribe.secret (HERALD_UNSUBSCRIBE_SECRET) is 16 bytes long; it"
                + " must be at least 32"), message);
        assertFalse(message.contains("too-short-secret"), message);
    }

    @Test
    void theSecretIsNotInToString() {
        assertFalse(parse(DeliverabilitySettings.UNSUBSCRIBE_SECRET, SECRET).toString().contains(SECRET));
    }

    @Test
    void aBadPublicBaseUrlIsNamed() {
        for (String bad : new String[] {"news.example.com", "ftp://news.example.com", "https://x.example/?a=1",
                "https://x.example/#top", "https://user@x.example", "https:// bad"}) {
            assertTrue(error(DeliverabilitySettings.PUBLIC_BASE_URL, bad)
                    .startsWith("herald.public-base-url (HERALD_PUBLIC_BASE_URL) must be"), bad);
        }
    }

    @Test
    void badDomainsSelectorsAndSenderIdsAreNamed() {
        assertTrue(error(DeliverabilitySettings.BOUNCE_DOMAIN, "bounces example.com")
                .startsWith("herald.bounce-domain (HERALD_BOUNCE_DOMAIN) must be a DNS name"));
        assertTrue(error(DeliverabilitySettings.BOUNCE_DOMAIN, "-bad.example.com")
                .startsWith("herald.bounce-domain (HERALD_BOUNCE_DOMAIN)"));
        assertTrue(error(DeliverabilitySettings.DKIM_DOMAIN, "example.com", DeliverabilitySettings.DKIM_SELECTOR,
                "sel_1", DeliverabilitySettings.DKIM_KEY_FILE, "/k.pem")
                .startsWith("herald.dkim.selector (HERALD_DKIM_SELECTOR) must be a DNS name"));
        assertTrue(error(DeliverabilitySettings.SENDER_ID, "acme:eu")
                .startsWith("herald.sender-id (HERALD_SENDER_ID) must be"));
    }

    @Test
    void dkimNeedsAllThreeSettings() {
        String message = error(DeliverabilitySettings.DKIM_DOMAIN, "example.com");

        assertTrue(message.endsWith("missing: herald.dkim.selector (HERALD_DKIM_SELECTOR), herald.dkim.key-file"
                + " (HERALD_DKIM_KEY_FILE)"), message);
        assertTrue(error(DeliverabilitySettings.DKIM_KEY_FILE, "/k.pem").endsWith(
                "missing: herald.dkim.domain (HERALD_DKIM_DOMAIN), herald.dkim.selector (HERALD_DKIM_SELECTOR)"));
    }

    @Test
    void theKeyPasswordIsReadAsItIsAndNeverShown() {
        DeliverabilitySettings settings = parse(DeliverabilitySettings.DKIM_DOMAIN, "example.com",
                DeliverabilitySettings.DKIM_SELECTOR, "herald2025",
                DeliverabilitySettings.DKIM_KEY_FILE, "/etc/herald/dkim.pem",
                DeliverabilitySettings.DKIM_KEY_PASSWORD, " pass phrase ");

        assertEquals(" pass phrase ", settings.dkim().orElseThrow().keyPassword());
        assertFalse(settings.toString().contains("pass phrase"), settings.toString());
        assertTrue(settings.toString().contains("keyPassword=set"), settings.toString());
    }

    @Test
    void aKeyPasswordWithoutDkimIsNamed() {
        assertTrue(error(DeliverabilitySettings.DKIM_KEY_PASSWORD, "pass phrase").startsWith(
                "herald.dkim.key-password (HERALD_DKIM_KEY_PASSWORD) is set but DKIM signing is not"));
        assertEquals(Optional.empty(), parse(DeliverabilitySettings.DKIM_KEY_PASSWORD, " ").dkim());
    }
}

package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerpAddressTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String DOMAIN = "bounces.example.com";
    private static final VerpAddress BOUNCES = new VerpAddress(VerpAddress.BOUNCES, DOMAIN, SECRET);
    private static final VerpAddress UNSUBSCRIBES = new VerpAddress(VerpAddress.UNSUBSCRIBE, DOMAIN, SECRET);

    @Test
    void anAddressNamesItsDeliveryInBase36WithAMac() {
        String address = BOUNCES.address(7, 1234);

        assertTrue(address.matches("bounces\\+7-ya-[0-9a-f]{20}@bounces\\.example\\.com"), address);
        assertEquals(Optional.of(new CampaignRecipient(7, 1234)), BOUNCES.parse(address));
    }

    @Test
    void theLongestLocalPartFitsRfc5321() {
        String address = UNSUBSCRIBES.address(Long.MAX_VALUE, Long.MAX_VALUE);
        String localPart = address.substring(0, address.indexOf('@'));

        assertEquals(60, localPart.length(), localPart);
        assertTrue(localPart.length() <= VerpAddress.MAX_LOCAL_PART);
        assertEquals(Optional.of(new CampaignRecipient(Long.MAX_VALUE, Long.MAX_VALUE)), UNSUBSCRIBES.parse(address));
    }

    @Test
    void anAddressAsABounceReportsItIsStillRead() {
        String address = BOUNCES.address(7, 1234);
        Optional<CampaignRecipient> expected = Optional.of(new CampaignRecipient(7, 1234));

        assertEquals(expected, BOUNCES.parse("<" + address + ">"));
        assertEquals(expected, BOUNCES.parse(" " + address.toUpperCase(Locale.ROOT) + " "));
    }

    @Test
    void aForgedOrAlteredAddressIsRefused() {
        String address = BOUNCES.address(7, 1234);

        assertEquals(Optional.empty(), BOUNCES.parse(address.replace("-ya-", "-yb-")));
        assertEquals(Optional.empty(), BOUNCES.parse("bounces+7-ya-00000000000000000000@" + DOMAIN));
        assertEquals(Optional.empty(), BOUNCES.parse(address.replace("@", "0@")));
        assertEquals(Optional.empty(), BOUNCES.parse(address.replaceFirst("-[0-9a-f]{20}@", "-0123@")));
        assertEquals(Optional.empty(), new VerpAddress(VerpAddress.BOUNCES, DOMAIN, new byte[32]).parse(address));
    }

    @Test
    void idsWrittenOtherwiseThanByThisClassAreRefused() {
        String address = BOUNCES.address(7, 1234);

        assertEquals(Optional.empty(), BOUNCES.parse(address.replace("+7-", "+07-")));
        assertEquals(Optional.empty(), BOUNCES.parse(address.replace("+7-", "+0-")));
        assertEquals(Optional.empty(), BOUNCES.parse("bounces+zzzzzzzzzzzzz-1-00000000000000000000@" + DOMAIN));
    }

    @Test
    void otherDomainsPrefixesAndAddressesAreRefused() {
        String address = BOUNCES.address(7, 1234);

        assertEquals(Optional.empty(), BOUNCES.parse(address.replace(DOMAIN, "example.com")));
        assertEquals(Optional.empty(), UNSUBSCRIBES.parse(address.replace("bounces+", "unsubscribe+")));
        assertEquals(Optional.empty(), BOUNCES.parse("postmaster@" + DOMAIN));
        assertEquals(Optional.empty(), BOUNCES.parse("bounces@" + DOMAIN));
        assertEquals(Optional.empty(), BOUNCES.parse(""));
        assertEquals(Optional.empty(), BOUNCES.parse(null));
    }

    @Test
    void onlyTheTwoKnownPrefixesAreAllowed() {
        assertThrows(IllegalArgumentException.class, () -> new VerpAddress("returns", DOMAIN, SECRET));
        assertThrows(IllegalArgumentException.class, () -> new VerpAddress(VerpAddress.BOUNCES, "a@b", SECRET));
    }
}

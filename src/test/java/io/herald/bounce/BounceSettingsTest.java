package io.herald.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the herald.bounce.* properties are read, and that a wrong one is refused naming it and its variable. */
class BounceSettingsTest {

    private static BounceSettings parse(String... nameValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            properties.put(nameValues[i], nameValues[i + 1]);
        }
        return BounceSettings.parse(properties::get);
    }

    private static String error(String... nameValues) {
        return assertThrows(IllegalArgumentException.class, () -> parse(nameValues)).getMessage();
    }

    private static String[] mailbox(String... more) {
        String[] base = {BounceSettings.HOST, "imap.example.com", BounceSettings.USER, "bounces@example.com",
                BounceSettings.PASSWORD, "s3cret"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void withoutAHostBouncesAreNotProcessedAndTheRulesHaveTheirDefaults() {
        BounceSettings s = parse(BounceSettings.HOST, "  ", BounceSettings.USER, "ignored");

        assertEquals(Optional.empty(), s.imap());
        assertEquals(3, s.softLimit());
        assertEquals(300, s.pollSeconds());
    }

    @Test
    void aHostUserAndPasswordAreEnoughTheRestHasDefaults() {
        BounceSettings.Imap imap = parse(mailbox()).imap().orElseThrow();

        assertEquals(new BounceSettings.Imap("imaps", "imap.example.com", 993, "bounces@example.com", "INBOX",
                "Herald/Processed", "Herald/Review", "s3cret"), imap);
    }

    @Test
    void everySettingIsRead() {
        BounceSettings s = parse(mailbox(BounceSettings.PROTOCOL, " IMAP ", BounceSettings.PORT, "3143",
                BounceSettings.FOLDER, "Bounces", BounceSettings.PROCESSED_FOLDER, "/Archive//Bounces/",
                BounceSettings.REVIEW_FOLDER, "Review", BounceSettings.SOFT_LIMIT, "5",
                BounceSettings.POLL_SECONDS, "60"));

        assertEquals(new BounceSettings.Imap("imap", "imap.example.com", 3143, "bounces@example.com", "Bounces",
                "Archive/Bounces", "Review", "s3cret"), s.imap().orElseThrow());
        assertEquals(5, s.softLimit());
        assertEquals(60, s.pollSeconds());
    }

    @Test
    void plainImapDefaultsToPort143() {
        assertEquals(143, parse(mailbox(BounceSettings.PROTOCOL, "imap")).imap().orElseThrow().port());
    }

    @Test
    void thePasswordIsKeptAsWrittenAndNeverShown() {
        BounceSettings s = parse(BounceSettings.HOST, "imap.example.com", BounceSettings.USER, "u",
                BounceSettings.PASSWORD, " pass word ");

        assertEquals(" pass word ", s.imap().orElseThrow().password());
        assertFalse(s.toString().contains("pass word"), s.toString());
        assertTrue(s.toString().contains("imaps://u@imap.example.com:993/INBOX"), s.toString());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            herald.bounce.imap.protocol | pop3 | herald.bounce.imap.protocol (HERALD_BOUNCE_IMAP_PROTOCOL) must be imaps (TLS) or imap, not 'pop3'
            herald.bounce.imap.port     | 0    | herald.bounce.imap.port (HERALD_BOUNCE_IMAP_PORT) must be a TCP port (1 to 65535), not 0
            herald.bounce.imap.port     | 99x  | herald.bounce.imap.port (HERALD_BOUNCE_IMAP_PORT) must be a whole number, not '99x'
            herald.bounce.soft-limit    | 0    | herald.bounce.soft-limit (HERALD_BOUNCE_SOFT_LIMIT) must be 1 or more, not 0
            herald.bounce.poll-seconds  | 5    | herald.bounce.poll-seconds (HERALD_BOUNCE_POLL_SECONDS) must be 10 or more, not 5
            herald.bounce.imap.folder   | ///  | herald.bounce.imap.folder (HERALD_BOUNCE_IMAP_FOLDER) must name a folder such as INBOX, not '///'
            """)
    void aWrongValueIsRefusedNamingThePropertyAndItsVariable(String property, String value, String message) {
        assertEquals(message, error(mailbox(property, value)));
    }

    @Test
    void aHostWithoutALoginIsRefused() {
        assertEquals("herald.bounce.imap.user (HERALD_BOUNCE_IMAP_USER) is required when herald.bounce.imap.host"
                + " (HERALD_BOUNCE_IMAP_HOST) is set", error(BounceSettings.HOST, "imap.example.com"));
        assertEquals("herald.bounce.imap.password (HERALD_BOUNCE_IMAP_PASSWORD) is required when"
                + " herald.bounce.imap.host (HERALD_BOUNCE_IMAP_HOST) is set",
                error(BounceSettings.HOST, "imap.example.com", BounceSettings.USER, "u"));
    }

    @Test
    void theThreeFoldersMustDiffer() {
        String message = error(mailbox(BounceSettings.REVIEW_FOLDER, "inbox"));

        assertTrue(message.contains("must be three different folders, not INBOX, Herald/Processed and inbox"), message);
    }
}

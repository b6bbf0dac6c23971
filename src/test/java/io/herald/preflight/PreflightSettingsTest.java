package io.herald.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pre-flight's settings: defaults, "not configured", and errors that name the property and its variable. */
class PreflightSettingsTest {

    private static PreflightSettings parse(Map<String, String> properties) {
        return PreflightSettings.parse(properties::get);
    }

    @Test
    void withoutAHostThePreflightIsNotConfigured() {
        PreflightSettings s = parse(Map.of(PreflightSettings.PORT, "783", PreflightSettings.HOST, " "));
        assertFalse(s.configured());
        assertEquals(new PreflightSettings(Optional.empty(), 783, 5.0), s);
    }

    @Test
    void aHostWithDefaultsOrOwnPortAndThreshold() {
        assertEquals(new PreflightSettings(Optional.of("127.0.0.1"), 783, 5.0),
                parse(Map.of(PreflightSettings.HOST, "127.0.0.1")));
        PreflightSettings s = parse(Map.of(PreflightSettings.HOST, "spam.internal", PreflightSettings.PORT, "7830",
                PreflightSettings.THRESHOLD, "3.5"));
        assertTrue(s.configured());
        assertEquals(new PreflightSettings(Optional.of("spam.internal"), 7830, 3.5), s);
    }

    @Test
    void badValuesNameThePropertyAndTheVariable() {
        var port = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(PreflightSettings.HOST, "h", PreflightSettings.PORT, "70000")));
        assertEquals("herald.spamd.port (HERALD_SPAMD_PORT) must be a TCP port (1-65535), not '70000'",
                port.getMessage());
        var threshold = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(PreflightSettings.THRESHOLD, "five")));
        assertTrue(threshold.getMessage().startsWith("herald.spam.threshold (HERALD_SPAM_THRESHOLD)"),
                threshold.getMessage());
        var host = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(PreflightSettings.HOST, "spamd host")));
        assertTrue(host.getMessage().startsWith("herald.spamd.host (HERALD_SPAMD_HOST)"), host.getMessage());
    }
}

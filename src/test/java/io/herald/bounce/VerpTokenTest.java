package io.herald.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which header values hold Herald's VERP address "bounces+{token}@{domain}", and what the token is. */
class VerpTokenTest {

    private final VerpToken bounces = new VerpToken("bounces");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "bounces+Ab3_x-9.Z@bounces.herald.example",
            "<bounces+Ab3_x-9.Z@bounces.herald.example>",
            "Herald Bounces <bounces+Ab3_x-9.Z@bounces.herald.example>",
            "\"Bounces\" <BOUNCES+Ab3_x-9.Z@Bounces.Herald.Example>",
            "rfc822; bounces+Ab3_x-9.Z@bounces.herald.example",
            "ops@herald.example, bounces+Ab3_x-9.Z@bounces.herald.example",
    })
    void theTokenIsFoundAsWritten(String value) {
        assertEquals("Ab3_x-9.Z", bounces.find(List.of(value)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
            "bounces@bounces.herald.example",
            "xbounces+t@bounces.herald.example",
            "bounces+@bounces.herald.example",
            "bounces+t",
            "<>",
            "",
    })
    void noTokenIsFound(String value) {
        assertNull(bounces.find(List.of(value)));
    }

    @Test
    void theFirstValueWithATokenWins() {
        assertEquals("first", bounces.find(Arrays.asList(null, "bounces@b.example", "bounces+first@b.example",
                "bounces+second@b.example")));
    }

    @Test
    void aTokenLongerThanALocalPartIsNotOne() {
        assertNull(bounces.find(List.of("bounces+" + "t".repeat(65) + "@b.example")));
    }
}

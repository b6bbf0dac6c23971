package io.herald.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CampaignEditsTest {

    @Test
    void aCloneIsNamedAfterItsSourceWithinTheNameLimit() {
        assertEquals("Spring news (copy)", CampaignEdits.copyName("Spring news"));
        String longest = CampaignEdits.copyName("n".repeat(CampaignDraft.MAX_NAME));
        assertEquals(CampaignDraft.MAX_NAME, longest.length());
        assertEquals("n".repeat(193) + " (copy)", longest);
    }
}

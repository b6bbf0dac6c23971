package io.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageParamsTest {

    @Test
    void missingParametersAreTheFirstPageOfFifty() {
        assertEquals(new PageRequest(0, 50), new PageParams(null, " ").checked());
        assertEquals(1000, new PageParams("2", "500").checked().offset());
    }

    @Test
    void aSizeOutsideOneToFiveHundredIsRefusedNamingSize() {
        for (String size : new String[] {"0", "501", "-1", "many"}) {
            ApiException e = assertThrows(ApiException.class, () -> new PageParams("0", size).checked(), size);
            assertEquals(400, e.status());
            assertEquals("size", e.field());
        }
    }

    @Test
    void aNegativeOrUnreadableOrUnreachablePageIsRefusedNamingPage() {
        for (String page : new String[] {"-1", "1.5", "9999999"}) {
            ApiException e = assertThrows(ApiException.class, () -> new PageParams(page, "500").checked(), page);
            assertEquals("page", e.field());
        }
    }
}

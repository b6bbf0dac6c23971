package io.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paging parameters every collection takes: defaults, limits, and the 400 that names the parameter. */
class PageTest {

    @Test
    void missingParametersAreTheFirstPageOfFifty() {
        assertEquals(new Page.Request(0, 50), Page.Request.of(null, " "));
    }

    @Test
    void theOffsetIsThePagesBefore() {
        assertEquals(1000, Page.Request.of("2", "500").offset());
        assertEquals(Integer.MAX_VALUE, Page.Request.of(String.valueOf(Integer.MAX_VALUE), "500").offset());
    }

    @ParameterizedTest
    @CsvSource({"-1, 10, page", "x, 10, page", "0, 0, size", "0, 501, size", "0, 1.5, size"})
    void outOfRangeIsRefusedNamingTheParameter(String page, String size, String field) {
        ApiException e = assertThrows(ApiException.class, () -> Page.Request.of(page, size));
        assertEquals(400, e.status());
        assertEquals(field, e.field());
    }

    @Test
    void aSearchMatchesWildcardsAsThemselves() {
        assertEquals("%100!%!_off!!%", Page.containing(" 100%_OFF! "));
    }
}

package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnsubscribePageTest {

    private static final UnsubscribePage PAGES = new UnsubscribePage("/herald");
    private static final UnsubscribeView NEWS = new UnsubscribeView("Herald News", "Newsletter", "a***@example.com",
            true, false);

    @Test
    void anAddressShowsItsFirstCharacterThreeStarsAndTheDomain() {
        assertEquals("a***@example.com", UnsubscribeView.mask("ann.smith@example.com"));
        assertEquals("b***@x.example", UnsubscribeView.mask("b@x.example"));
        assertEquals("\uD83D\uDE00***@example.com", UnsubscribeView.mask("\uD83D\uDE00x@example.com"));
        assertEquals("***", UnsubscribeView.mask("@example.com"));
        assertEquals("***", UnsubscribeView.mask("nobody"));
    }

    @Test
    void theChoiceNamesSenderListAndAddressAndOffersBothScopes() {
        String html = PAGES.choice(NEWS);

        assertTrue(html.contains("You receive the list <strong>Newsletter</strong> from <strong>Herald News</strong>"
                + " at <strong>a***@example.com</strong>."), html);
        assertTrue(html.contains("name=\"scope\" value=\"list\" checked"), html);
        assertTrue(html.contains("name=\"scope\" value=\"all\""), html);
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/herald/public/unsubscribe.css\">"), html);
    }

    @Test
    void anAddressUnsubscribedAlreadyIsToldSoAndMayStillChooseEverything() {
        String html = PAGES.choice(new UnsubscribeView("Herald News", "Newsletter", "a***@example.com", true, true));

        assertTrue(html.contains("<strong>a***@example.com</strong> is already unsubscribed from the list <strong>"
                + "Newsletter</strong> from <strong>Herald News</strong>."), html);
        assertFalse(html.contains("You receive"), html);
        assertTrue(html.contains("value=\"all\""), html);
    }

    @Test
    void aListWhoseUnsubscribeScopeIsAllOffersOnlyEverything() {
        String html = PAGES.choice(new UnsubscribeView(null, "Newsletter", "a***@example.com", false, false));

        assertFalse(html.contains("value=\"list\""), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"scope\" value=\"all\">"), html);
        assertTrue(html.contains("stops every e-mail from this sender."), html);
    }

    @Test
    void everyValueIsEscapedAndNoPageHasAScriptOrAnInlineStyle() {
        UnsubscribeView hostile = new UnsubscribeView("<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
                "\"***@x", true, true);
        for (String html : new String[] {PAGES.choice(hostile),
                PAGES.unsubscribed(hostile, UnsubscribeScope.LIST, "u1.\"><script>"),
                PAGES.resubscribed(hostile, UnsubscribeScope.ALL), PAGES.undoExpired(hostile),
                PAGES.badRequest("<b>"), PAGES.oneClick(), PAGES.notFound()}) {
            assertFalse(html.contains("<script"), html);
            assertFalse(html.contains("<img"), html);
            assertFalse(html.contains("style="), html);
            assertFalse(html.contains("\"***"), html);
        }
        assertTrue(PAGES.choice(hostile).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void theConfirmationSaysWhatWasDoneAndCarriesTheReceiptToUndoIt() {
        String list = PAGES.unsubscribed(NEWS, UnsubscribeScope.LIST, "u1.abc.def");
        String all = PAGES.unsubscribed(NEWS, UnsubscribeScope.ALL, null);

        assertTrue(list.contains("will no longer receive the list <strong>Newsletter</strong> from"), list);
        assertTrue(list.contains("<input type=\"hidden\" name=\"action\" value=\"undo\">"
                + "<input type=\"hidden\" name=\"receipt\" value=\"u1.abc.def\">"), list);
        assertTrue(all.contains("will no longer receive any e-mail from <strong>Herald News</strong>."), all);
        assertFalse(all.contains("value=\"undo\""), all);
    }
}

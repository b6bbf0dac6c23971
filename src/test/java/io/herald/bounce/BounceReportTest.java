package io.herald.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What is kept of a bounce for an erased address: the report with the address gone from every field. */
class BounceReportTest {

    @Test
    void theRecipientAndEveryMentionOfItInTheDiagnosticAreReplacedWhateverTheirCase() {
        BounceReport report = new BounceReport(BounceReport.Kind.HARD, "Ann@Example.com", "5.1.1",
                "smtp; 550 5.1.1 <ann@example.COM>: Recipient address rejected: Ann@Example.com unknown; joann@example.com",
                "mx.example.com", "c7-d1042-Kx3q9Z", "<1@news.herald.example>", null);

        BounceReport without = report.withRecipientReplaced("(erased address)");

        assertEquals(new BounceReport(BounceReport.Kind.HARD, "(erased address)", "5.1.1",
                "smtp; 550 5.1.1 <(erased address)>: Recipient address rejected: (erased address) unknown;"
                        + " joann@example.com", "mx.example.com", "c7-d1042-Kx3q9Z", "<1@news.herald.example>", null),
                without);
    }
}

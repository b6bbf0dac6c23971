package io.herald.bounce;

import io.herald.bounce.BounceReport.Kind;

/**
 * What one message of the bounce mailbox did, and so where it goes: the one rule of bounce processing.
 * <ul>
 * <li>HARD: a 5.x.x failure of a delivery Herald made: the delivery is BOUNCED, the recipient BOUNCED in every list,
 *     the address suppressed everywhere.</li>
 * <li>SOFT: a 4.x.x failure or a delay: the address's soft bounce count goes up by one.</li>
 * <li>SOFT_LIMIT: a soft bounce that brings the count to the limit (herald.bounce.soft-limit): counted, and the
 *     address suppressed everywhere.</li>
 * <li>UNMATCHED: a hard or soft bounce that names no delivery of Herald (no valid VERP token, an unknown
 *     Message-ID): nothing changes, because an address is only ever suppressed on a bounce Herald can tie to its
 *     own message; an operator looks at it.</li>
 * <li>UNCLASSIFIED: not a bounce Herald understands (an auto-reply, a success report, junk): nothing changes; an
 *     operator looks at it.</li>
 * </ul>
 * The first three go to the processed folder, the last two to the review folder; none is ever deleted.
 */
public enum BounceOutcome {
    HARD, SOFT, SOFT_LIMIT, UNMATCHED, UNCLASSIFIED;

    /**
     * The outcome of a report: {@code matched} whether it names a delivery, {@code softBounces} the address's count
     * including this bounce (only read for a soft one), {@code softLimit} the count that suppresses.
     */
    public static BounceOutcome of(Kind kind, boolean matched, int softBounces, int softLimit) {
        if (kind == Kind.UNCLASSIFIED) {
            return UNCLASSIFIED;
        }
        if (!matched) {
            return UNMATCHED;
        }
        if (kind == Kind.HARD) {
            return HARD;
        }
        return softBounces >= softLimit ? SOFT_LIMIT : SOFT;
    }

    /** Whether an operator should look at the message: it goes to the review folder. */
    public boolean needsReview() {
        return this == UNMATCHED || this == UNCLASSIFIED;
    }

    /** Whether the address is suppressed in every list. */
    public boolean suppresses() {
        return this == HARD || this == SOFT_LIMIT;
    }
}

package io.herald.bounce;

import io.herald.bounce.BounceReport.Kind;

/**
 * The one rule that turns a recipient's DSN fields into a kind of bounce (RFC 3464 Action, RFC 3463 Status
 * class): Action failed with Status 5.x.x is HARD; Status 4.x.x, or Action delayed, is SOFT; anything else
 * (delivered, relayed, expanded, a missing or malformed Status, no recipient) is UNCLASSIFIED, with the reason.
 */
final class BounceClassifier {

    private BounceClassifier() {
    }

    /** The report for {@code r} (null when the delivery-status part named no recipient). */
    static BounceReport classify(RecipientStatus r, String verpToken, String originalMessageId) {
        if (r == null) {
            return BounceReport.unclassified("the delivery-status part names no recipient", verpToken,
                    originalMessageId);
        }
        String problem = problem(r);
        Kind kind = problem != null ? Kind.UNCLASSIFIED
                : "failed".equals(r.action()) && r.status().startsWith("5.") ? Kind.HARD
                : Kind.SOFT;
        return new BounceReport(kind, r.recipient(), r.status(), r.diagnostic(), r.remoteMta(), verpToken,
                originalMessageId, problem);
    }

    /** Why the fields are not a hard or soft bounce, or null when they are one. */
    private static String problem(RecipientStatus r) {
        boolean failed = "failed".equals(r.action());
        boolean delayed = "delayed".equals(r.action());
        if (!failed && !delayed) {
            return "Action " + (r.action() == null ? "is missing" : "'" + r.action() + "' is not a failure");
        }
        if (r.status() == null) {
            return "Action " + r.action() + " without a Status";
        }
        if (!r.status().matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            return "Status '" + r.status() + "' is not an RFC 3463 code";
        }
        if (failed && r.status().startsWith("2.")) {
            return "Action failed with the success Status " + r.status();
        }
        if (r.recipient() == null) {
            return "Action " + r.action() + " without a Final-Recipient";
        }
        return null;
    }
}

package io.herald.bounce;

import io.herald.mail.AddressScrubber;
import java.util.List;
import java.util.Objects;

/**
 * What one message in the bounce mailbox says about one delivery (see BounceParser for where each field comes
 * from). Every field but {@code kind} may be null when the message does not carry it: {@code recipient} is the
 * address Herald sent to, {@code status} the RFC 3463 code ("5.1.1"), {@code diagnostic} the remote server's
 * words ("smtp; 550 5.1.1 user unknown"), {@code remoteMta} the host that refused ("mx.example.com"),
 * {@code verpToken} the undecoded {token} of "bounces+{token}@…", {@code originalMessageId} the "&lt;…&gt;" id
 * of the message that bounced, and {@code reason} why the message is UNCLASSIFIED (null otherwise).
 */
public record BounceReport(Kind kind, String recipient, String status, String diagnostic, String remoteMta,
                           String verpToken, String originalMessageId, String reason) {

    /**
     * HARD: the address will not take mail (Action failed, Status 5.x.x); SOFT: a temporary failure or a delay
     * (Status 4.x.x, or Action delayed); UNCLASSIFIED: anything else, kept for an operator to review.
     */
    public enum Kind { HARD, SOFT, UNCLASSIFIED }

    public BounceReport {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.UNCLASSIFIED) {
            Objects.requireNonNull(reason, "an UNCLASSIFIED report says why");
        } else {
            // a hard or soft bounce is recorded against an address with a code; without them it is not one
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(status, "status");
            if (reason != null) {
                throw new IllegalArgumentException("only an UNCLASSIFIED report has a reason");
            }
        }
    }

    /**
     * The report with its recipient replaced and every mention of that address in the remote server's words (any
     * case, whole addresses only) replaced too: what Herald keeps of a bounce for an address that was erased.
     */
    BounceReport withRecipientReplaced(String replacement) {
        String diagnosticWithout = recipient == null ? diagnostic
                : new AddressScrubber(List.of(recipient)).scrub(diagnostic, replacement);
        return new BounceReport(kind, recipient == null ? null : replacement, status, diagnosticWithout, remoteMta,
                verpToken, originalMessageId, reason);
    }

    /** A message that is not a usable bounce; what could be read of its token and Message-ID is kept. */
    static BounceReport unclassified(String reason, String verpToken, String originalMessageId) {
        return new BounceReport(Kind.UNCLASSIFIED, null, null, null, null, verpToken, originalMessageId, reason);
    }

    /** One line for the logs: "HARD ann@example.com 5.1.1: smtp; 550 …" or "UNCLASSIFIED: why". */
    public String describe() {
        if (kind == Kind.UNCLASSIFIED) {
            return kind + ": " + reason;
        }
        return kind + " " + recipient + " " + status + (diagnostic == null ? "" : ": " + diagnostic);
    }
}

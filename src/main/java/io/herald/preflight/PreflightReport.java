package io.herald.preflight;

import java.time.Instant;
import java.util.List;

/**
 * What POST /campaigns/{id}/preflight answers: SpamAssassin's score of the sample message against Herald's threshold
 * (spam: score &ge; threshold, which refuses a launch), the rules that matched, Herald's own content flags, the
 * recipient the sample was rendered for, and when.
 */
public record PreflightReport(double score, double threshold, boolean spam, List<RuleHit> rules,
                              List<ContentFlag> flags, String recipient, Instant checkedAt) {

    public PreflightReport {
        rules = List.copyOf(rules);
        flags = List.copyOf(flags);
    }

    static PreflightReport of(SpamdVerdict verdict, double threshold, List<ContentFlag> flags, String recipient,
                              Instant checkedAt) {
        return new PreflightReport(verdict.score(), threshold, verdict.score() >= threshold, verdict.rules(), flags,
                recipient, checkedAt);
    }

    /** "NAME (score), …" of the rules that added points, for messages and logs. */
    String ruleSummary() {
        return String.join(", ", rules.stream().filter(r -> r.score() != 0)
                .map(r -> r.name() + " (" + r.score() + ")").toList());
    }
}

package io.herald.preflight;

/** One SpamAssassin rule that matched the sample message: its name, the points it added and what it means. */
public record RuleHit(String name, double score, String description) {
}

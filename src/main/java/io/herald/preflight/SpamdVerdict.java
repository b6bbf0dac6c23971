package io.herald.preflight;

import java.util.List;

/**
 * What spamd said about one message: its score, spamd's own required score (its required_score, usually 5.0),
 * whether spamd counts it as spam, and the rules that matched, in spamd's order.
 */
public record SpamdVerdict(double score, double spamdThreshold, boolean spamdSaysSpam, List<RuleHit> rules) {

    public SpamdVerdict {
        rules = List.copyOf(rules);
    }
}

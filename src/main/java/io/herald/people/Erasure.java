package io.herald.people;

import java.util.List;
import java.util.Map;

/**
 * The answer to DELETE /people/{address}: what was erased, per table (recipient: rows deleted; suppression: entries in
 * clear deleted; the others: rows whose copy of the address was replaced), the deliveries skipped so they are never
 * sent, the value that replaced the address (null when it was erased before: alreadyErased), and the keyed hash left
 * in the suppression list.
 */
public record Erasure(String address, String erasedAt, String replacement, String suppressedAs, boolean alreadyErased,
                      int skippedDeliveries, Map<String, Integer> tables, List<String> warnings) {
}

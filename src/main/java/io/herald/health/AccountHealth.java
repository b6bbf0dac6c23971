package io.herald.health;

import java.time.Instant;

/**
 * What the latest probe found of one sending account's SMTP server: status UP, DOWN or UNKNOWN (not probed yet), why
 * it is DOWN (error), a certificate warning, and when it was checked.
 */
public record AccountHealth(String status, String error, String warning, Instant checkedAt) {

    public static final AccountHealth UNKNOWN = new AccountHealth("UNKNOWN", null, null, null);
}

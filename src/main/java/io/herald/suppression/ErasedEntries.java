package io.herald.suppression;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The suppression side of an erasure, on a connection in the erasure's transaction: the address's entries (in clear)
 * are deleted and one entry in every list holding only its keyed hash (AddressHash) takes their place, so the
 * suppression checks still refuse the address and nothing holds it in clear.
 */
public final class ErasedEntries {

    /** The erased entry's note: the id of the secret its hash was made under. */
    static final String NOTE_PREFIX = "erased; secret id ";

    private ErasedEntries() {
    }

    /** What happened to the address's entries: how many were deleted, whether its hashed entry is new. */
    public record Outcome(int deleted, boolean hashedEntryCreated) {
    }

    /** Replaces the entries of the key by its hashed entry in every list (kept if it exists already). */
    public static Outcome replace(Connection connection, AddressHash hash, String emailKey, Instant now)
            throws SQLException {
        int deleted;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM suppression WHERE email_key = ?")) {
            delete.setString(1, emailKey);
            deleted = delete.executeUpdate();
        }
        String hashed = hash.of(emailKey);
        if (exists(connection, hashed)) {
            return new Outcome(deleted, false);
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO suppression (email_key, email, list_id, reason, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, hashed);
            insert.setString(2, hashed);
            insert.setLong(3, Suppression.EVERY_LIST);
            insert.setString(4, SuppressionReason.ERASED.name());
            insert.setString(5, NOTE_PREFIX + hash.keyId());
            insert.setObject(6, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return new Outcome(deleted, true);
    }

    /** Whether the address (its key) was erased before: its hashed entry is there. */
    public static boolean exists(Connection connection, String hashedKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM suppression WHERE email_key = ? AND list_id = ?")) {
            query.setString(1, hashedKey);
            query.setLong(2, Suppression.EVERY_LIST);
            try (ResultSet r = query.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * How many erased entries were hashed under another secret than this one: their addresses are no longer
     * recognised, so they may be imported and mailed again (the secret was changed).
     */
    public static long underOtherSecrets(Connection connection, AddressHash hash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM suppression WHERE reason = ? AND (note IS NULL OR note <> ?)")) {
            query.setString(1, SuppressionReason.ERASED.name());
            query.setString(2, NOTE_PREFIX + hash.keyId());
            try (ResultSet r = query.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}

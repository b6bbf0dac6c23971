package io.herald.secrets;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The signing_secret table: the first generation made if absent, the next one made by a rotation, all read. */
final class SigningSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {
    }

    /**
     * Makes generation 1 unless there is one. Race-safe across nodes: the insert adds nothing when the row exists,
     * and of two nodes inserting at once the primary key refuses the second, which then reads the first's row.
     */
    static void ensureFirst(Connection c, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO signing_secret (generation, secret, created_at)"
                + " SELECT 1, ?, ? WHERE NOT EXISTS (SELECT 1 FROM signing_secret)")) {
            insert.setString(1, newSecret());
            insert.setObject(2, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (all(c).isEmpty()) {
                throw e;                          // not the other node's row: a real failure
            }
        }
    }

    /**
     * Adds the next generation, made at {@code now}; returns it. Throws SQLException when another rotation took the
     * same generation at the same moment (the primary key refuses it).
     */
    static SigningSecret rotate(Connection c, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO signing_secret (generation, secret, created_at)"
                + " SELECT COALESCE(MAX(generation), 0) + 1, ?, ? FROM signing_secret")) {
            insert.setString(1, newSecret());
            insert.setObject(2, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        List<SigningSecret> all = all(c);
        return all.get(all.size() - 1);
    }

    /** Every generation, oldest first. */
    static List<SigningSecret> all(Connection c) throws SQLException {
        List<SigningSecret> all = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT generation, secret, created_at FROM signing_secret ORDER BY generation");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                all.add(new SigningSecret(r.getInt(1), Base64.getDecoder().decode(r.getString(2)),
                        r.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
        return all;
    }

    private static String newSecret() {
        byte[] secret = new byte[KeyRing.MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}

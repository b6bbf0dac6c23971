package io.herald.identity;

import io.herald.mail.AddressKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps the stored address keys on the configured rule: at startup (platform/SchemaMigrator, after the migrations),
 * when address_key_rule names another rule than herald.address-match, re-keys and merges (AddressRekey) and records
 * the new rule, in one transaction. The row is locked first (SELECT ... FOR UPDATE), so of two nodes starting
 * together one re-keys and the other then finds the rule current. A run that fails leaves the old rule recorded and
 * is tried again at the next start.
 */
public final class AddressRules {

    private static final Logger LOG = Logger.getLogger(AddressRules.class);

    private AddressRules() {
    }

    /** Re-keys if the stored rule is not the configured one; returns the report, or null when nothing was to do. */
    public static AddressRekey.Report apply(DataSource dataSource, AddressKey.Match configured) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                AddressRekey.Report report = applyOn(c, configured);
                c.commit();
                return report;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static AddressRekey.Report applyOn(Connection c, AddressKey.Match configured) throws SQLException {
        String stored;
        try (PreparedStatement q = c.prepareStatement("SELECT match_rule FROM address_key_rule WHERE id = 1 FOR UPDATE");
             ResultSet r = q.executeQuery()) {
            stored = r.next() ? r.getString(1) : null;
        }
        if (configured.setting().equals(stored)) {
            return null;
        }
        LOG.infof("Address keys were made with the rule '%s', %s is '%s': re-keying recipients, suppressions and"
                + " audit entries", stored, AddressKey.PROPERTY + " (HERALD_ADDRESS_MATCH)", configured.setting());
        long started = System.nanoTime();
        AddressRekey.Report report = AddressRekey.run(c, configured);
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE address_key_rule SET match_rule = ?, changed_at = ? WHERE id = 1")) {
            u.setString(1, configured.setting());
            u.setTimestamp(2, Timestamp.from(Instant.now()));
            u.executeUpdate();
        }
        LOG.infof("Address keys now follow the rule '%s' (%d ms): %d recipient keys changed, %d recipients merged into"
                + " the oldest of their list with the same address, %d suppression keys changed, %d duplicate"
                + " suppressions removed, %d audit entry keys changed", configured.setting(),
                (System.nanoTime() - started) / 1_000_000, report.recipientsRekeyed(), report.recipientsMerged(),
                report.suppressionsRekeyed(), report.suppressionsMerged(), report.auditEntriesRekeyed());
        return report;
    }
}

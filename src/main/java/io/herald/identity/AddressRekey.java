package io.herald.identity;

import io.herald.mail.AddressKey;
import io.herald.suppression.AddressHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Re-computes every stored address key under a rule (mail/AddressKey), then merges what now shares a key: the
 * recipients of one list (RecipientMerge) and the suppression entries of one scope (the oldest kept). Run by
 * AddressRules when the configured rule differs from the one the keys were made with; plain JDBC on the caller's
 * transaction, the same statements on H2 2.x and PostgreSQL.
 *
 * <p>The rows are read in pages of {@link #PAGE} by primary key (keyset: {@code id > last ORDER BY id}), and only a
 * row whose key changes is written (a JDBC batch per page): a list of lower-case addresses is read, not rewritten.
 * The two unique constraints on keys are dropped while keys change (two case variants would collide half-way) and
 * added again after the merge. Erased entries (their key is a keyed hash, AddressHash.PREFIX) are left as they are:
 * the address they stood for is unknown.
 */
final class AddressRekey {

    /** Rows per page: 5,000 keeps a page's batch of updates a few hundred kilobytes. */
    static final int PAGE = 5000;

    private static final Logger LOG = Logger.getLogger(AddressRekey.class);

    /** What a run changed, for the log line and the tests. */
    public record Report(long recipientsRekeyed, long recipientsMerged, long suppressionsRekeyed, long suppressionsMerged,
                  long auditEntriesRekeyed) {
    }

    private AddressRekey() {
    }

    /** Re-keys recipient, suppression and audit_entry under the rule and merges what collides. */
    static Report run(Connection c, AddressKey.Match rule) throws SQLException {
        execute(c, "ALTER TABLE recipient DROP CONSTRAINT IF EXISTS recipient_list_email");
        execute(c, "ALTER TABLE suppression DROP CONSTRAINT IF EXISTS suppression_address_list");
        long recipients = rekey(c, rule, new Table("recipient", "email", "email_key", ""));
        long suppressions = rekey(c, rule, new Table("suppression", "email", "email_key",
                " AND email_key NOT LIKE '" + AddressHash.PREFIX + "%'"));
        long audit = rekey(c, rule, new Table("audit_entry", "rcpt_to", "rcpt_key", ""));
        long merged = RecipientMerge.mergeAll(c);
        long deduplicated = deduplicateSuppressions(c);
        execute(c, "ALTER TABLE recipient ADD CONSTRAINT recipient_list_email UNIQUE (list_id, email_key)");
        execute(c, "ALTER TABLE suppression ADD CONSTRAINT suppression_address_list UNIQUE (email_key, list_id)");
        return new Report(recipients, merged, suppressions, deduplicated, audit);
    }

    /** A table whose key column is computed from its address column; {@code filter} narrows the rows. */
    private record Table(String name, String address, String key, String filter) {

        String page(boolean first) {
            return "SELECT id, " + address + ", " + key + " FROM " + name + " WHERE " + (first ? "1 = 1" : "id > ?")
                    + filter + " ORDER BY id FETCH FIRST " + PAGE + " ROWS ONLY";
        }
    }

    /** Pages through the table, writing each key that differs under the rule; returns how many were written. */
    private static long rekey(Connection c, AddressKey.Match rule, Table table) throws SQLException {
        long changed = 0;
        Object last = null;
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE " + table.name() + " SET " + table.key() + " = ? WHERE id = ?")) {
            while (true) {
                int read = 0;
                int batched = 0;
                try (PreparedStatement page = c.prepareStatement(table.page(last == null))) {
                    if (last != null) {
                        page.setObject(1, last);
                    }
                    try (ResultSet r = page.executeQuery()) {
                        while (r.next()) {
                            read++;
                            last = r.getObject(1);
                            String address = r.getString(2);
                            String key = address == null ? null : AddressKey.of(address, rule);
                            if (key != null && !key.equals(r.getString(3))) {
                                update.setString(1, key);
                                update.setObject(2, last);
                                update.addBatch();
                                batched++;
                            }
                        }
                    }
                }
                if (batched > 0) {
                    update.executeBatch();
                    changed += batched;
                }
                if (read < PAGE) {
                    break;
                }
            }
        }
        if (changed > 0) {
            LOG.debugf("%d keys of %s re-computed", changed, table.name());
        }
        return changed;
    }

    /** Keeps the oldest suppression entry of each key and scope; returns how many others were deleted. */
    private static long deduplicateSuppressions(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("""
                    DELETE FROM suppression WHERE id IN (SELECT s.id FROM suppression s WHERE EXISTS (
                        SELECT 1 FROM suppression o WHERE o.email_key = s.email_key AND o.list_id = s.list_id
                                                      AND o.id < s.id))""");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

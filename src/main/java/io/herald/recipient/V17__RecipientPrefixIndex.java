package io.herald.recipient;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration 17 (registered by platform/SchemaMigrator; Flyway takes its version from the class name): the
 * index PostgreSQL needs for GET /lists/{id}/recipients?q= (email_key LIKE 'prefix%'). PostgreSQL uses a plain
 * B-tree index for a LIKE prefix only under the "C" collation; Debian's and most databases' default (C.UTF-8,
 * en_US.UTF-8) is not, so without varchar_pattern_ops the search reads every recipient of the list (2.3 s at a
 * million). H2 reads the unique index recipient_list_email (list_id, email_key) for it already, and has no such
 * operator class: nothing to do there. Java, not SQL, because the statement exists on one database only.
 */
public class V17__RecipientPrefixIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String database = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (database.contains("postgres")) {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute("CREATE INDEX recipient_list_email_prefix ON recipient (list_id, email_key varchar_pattern_ops)");
            }
        }
    }
}

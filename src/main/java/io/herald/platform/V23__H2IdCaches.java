package io.herald.platform;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration 23 (registered by SchemaMigrator): on H2, the identity columns the CSV import fills,
 * recipient.id and recipient_import_rejection.id, and delivery.id, which a slice of deliveries fills 5,000 at a time
 * (DeliveryStore.prepareSlice), hand out their values from a cache of ID_CACHE instead of H2's
 * default 32. H2 writes a sequence's new high-water mark each time its cache runs out, and commits that write on its
 * own, at once: with WRITE_DELAY=0 (configure-datasource.cli) the commit stores every changed page of the database
 * file, the import's uncommitted rows included, so a chunk of 1,000 rows cost 32 stores instead of one; the import
 * spent a fifth of its time there (docs/performance.md, "CSV import, second pass"). The cost of a larger cache: after
 * a crash, ids go on past the cached range (a gap of up to ID_CACHE), never back. PostgreSQL is left alone: a
 * sequence's cache there is per session, which would hand out ids out of order across sessions, and nextval is
 * cheap. Java, not SQL, because the statement is for one database only.
 */
public class V23__H2IdCaches extends BaseJavaMigration {

    /** Ids per write of the sequence: ten chunks of the import's default 1,000 rows. */
    static final int ID_CACHE = 10_000;

    @Override
    public void migrate(Context context) throws Exception {
        String database = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (database.contains("h2")) {
            try (Statement statement = context.getConnection().createStatement()) {
                for (String table : new String[] {"recipient", "recipient_import_rejection", "delivery"}) {
                    statement.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE " + ID_CACHE);
                }
            }
        }
    }
}

package io.herald.platform;

import io.herald.identity.AddressRules;
import io.herald.mail.AddressKey;
import io.herald.recipient.V17__RecipientPrefixIndex;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies the Flyway migrations in db/migration (and the Java ones registered here) when Herald is deployed, before
 * any request is served, then brings the stored address keys to the configured rule (identity/AddressRules).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V17__RecipientPrefixIndex(),   // PostgreSQL only: see the class
                        new V23__H2IdCaches())                // H2 only: see the class
                // a shared PostgreSQL database may hold other applications' tables: Herald's own tables are
                // created from version 1 on; an existing Herald table makes the migration fail, never merge
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof("Herald schema at version %s (%d migrations applied now)",
                result.targetSchemaVersion, result.migrationsExecuted);
        try {
            AddressRules.apply(dataSource, AddressKey.configured());
        } catch (SQLException e) {
            throw new IllegalStateException("re-keying the stored addresses failed (nothing was changed; it is tried"
                    + " again at the next start): " + e.getMessage(), e);
        }
    }
}

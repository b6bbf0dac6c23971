package io.herald.platform;

import io.herald.recipient.V17__RecipientPrefixIndex;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies the Flyway migrations in db/migration (and the Java ones registered here) when Herald is deployed, before
 * any request is served.
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
                .javaMigrations(new V17__RecipientPrefixIndex())   // PostgreSQL only: see the class
                // a shared PostgreSQL database may hold other applications' tables: Herald's own tables are
                // created from version 1 on; an existing Herald table makes the migration fail, never merge
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof("Herald schema at version %s (%d migrations applied now)",
                result.targetSchemaVersion, result.migrationsExecuted);
    }
}

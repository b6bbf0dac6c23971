package io.herald.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * Compacts the embedded H2 database's file while Herald runs, as H2's background writer would: the datasource's
 * WRITE_DELAY=0 (every commit durable before it returns) leaves H2 without that thread, so nothing else rewrites the
 * live pages of old, mostly dead chunks, and the file grew by every page each commit stored (docs/performance.md,
 * "The database file on H2"). On PostgreSQL, or an H2 another process opened first (AUTO_SERVER), it does nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class H2Compaction {

    /**
     * Chunks are rewritten while the live share of the file's chunks is below this, in %. H2's background writer
     * aims at 90, which rewrote pages at every tick; the rewriting costs send CPU (docs/performance.md, "The database
     * file on H2"), and 60 keeps the file within about twice its live data.
     */
    static final int TARGET_FILL_RATE = 60;

    /**
     * At most this many bytes of live pages rewritten per tick (the sparsest chunks first). H2 writes them as one
     * chunk through a buffer it grows 1 MB at a time and reuses only up to 4 MB: with 16 MB a tick, every tick
     * allocated buffers of 1 to 16 MB, each a humongous object to G1, and with a 256 MB heap that led to full GCs
     * (docs/performance.md, "The compaction's chunk size"). Four ticks of 2 MB a second rewrite as much.
     */
    static final int WRITE_PER_TICK = 2 * 1024 * 1024;

    /** Milliseconds between ticks. */
    static final long PERIOD_MS = 250;

    /**
     * How long H2 keeps a chunk that holds no live page before reusing its space, in ms (H2's default is 45,000: with
     * a store per commit, that is hundreds of megabytes of dead chunks). It guards against a write torn by a power
     * cut, which WRITE_DELAY=0 does not fsync against anyway; a killed JVM's writes are whole (docs/guarantees.md).
     */
    static final int RETENTION_MS = 2_000;

    private static final Logger LOG = Logger.getLogger(H2Compaction.class);

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService executor;

    private MVStore store;
    private ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        store = embeddedStore();
        if (store == null) {
            return;
        }
        store.setRetentionTime(RETENTION_MS);
        ticks = executor.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        LOG.infof("H2 database file %s: compacted every %d ms while its chunks are less than %d %% live",
                store.getFileStore().getFileName(), PERIOD_MS, TARGET_FILL_RATE);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    /** Never throws: an exception would cancel every later tick of the executor. */
    void tick() {
        try {
            compact(store);
        } catch (RuntimeException e) {
            LOG.warnf("compacting the H2 database file failed (tried again in %d ms): %s", PERIOD_MS, e);
        }
    }

    /**
     * One round of compaction: when less than TARGET_FILL_RATE % of the file's chunks is live, the live pages of the
     * sparsest chunks (WRITE_PER_TICK bytes at most) are written anew, so that those chunks die and their space is
     * reused once RETENTION_MS has passed. Returns whether anything was rewritten.
     */
    static boolean compact(MVStore store) {
        return !store.isClosed() && store.compact(TARGET_FILL_RATE, WRITE_PER_TICK);
    }

    /** The MVStore of the H2 database this JVM opened itself, or null (another database, or H2 over TCP). */
    private MVStore embeddedStore() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return null;
            }
            return session.getDatabase().getStore().getMvStore();
        } catch (SQLException | LinkageError e) {
            LOG.debugf("no embedded H2 database to compact: %s", e);
            return null;
        }
    }
}

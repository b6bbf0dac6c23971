package io.herald.secrets;

import io.herald.deliverability.DeliverabilitySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Makes the first signing secret if the database has none and installs the server's key ring (ServerKeyRing) at
 * startup, after the migrations; rotates on request (SecretsResource). HERALD_UNSUBSCRIBE_SECRET, when set,
 * signs and hashes instead of the database's secrets (which still verify what they signed).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class);

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    private final Clock clock = Clock.systemUTC();
    private DeliverabilitySettings settings;

    @PostConstruct
    void start() {
        settings = DeliverabilitySettings.fromSystemProperties();
        try (Connection c = dataSource.getConnection()) {
            SigningSecrets.ensureFirst(c, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make or read the signing secret in table signing_secret: "
                    + e.getMessage(), e);
        }
        ServerKeyRing.INSTANCE.install(this::read);
        LOG.infof("Unsubscribe links and bounce addresses are signed with %s; links signed before a rotation verify"
                + " for %d days", configured() ? DeliverabilitySettings.describe(DeliverabilitySettings.UNSUBSCRIBE_SECRET)
                : "the newest signing secret in the database", settings.unsubscribeLinkDays());
    }

    /** The server's key ring, installed by start(): what the token makers sign and verify with. */
    public KeySource ring() {
        return ServerKeyRing.INSTANCE;
    }

    /** Whether HERALD_UNSUBSCRIBE_SECRET is set (then it signs, and rotation is refused). */
    public boolean configured() {
        return settings.unsubscribeSecret() != null;
    }

    /** How long an older generation verifies after its successor was made. */
    public Duration linkWindow() {
        return Duration.ofDays(settings.unsubscribeLinkDays());
    }

    /** Every generation, oldest first. */
    public List<SigningSecret> generations() {
        try (Connection c = dataSource.getConnection()) {
            return SigningSecrets.all(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read table signing_secret: " + e.getMessage(), e);
        }
    }

    /** Adds the next generation and uses it here at once (other nodes within ServerKeyRing.MAX_AGE). */
    public SigningSecret rotate() throws SQLException {
        SigningSecret made;
        try (Connection c = dataSource.getConnection()) {
            made = SigningSecrets.rotate(c, clock.instant());
        }
        ServerKeyRing.INSTANCE.reload();
        LOG.infof("Signing secret rotated: generation %d signs from now on", made.generation());
        return made;
    }

    private KeyRing read() {
        return KeyRing.at(settings.unsubscribeSecret(), generations(), clock.instant(), linkWindow());
    }
}

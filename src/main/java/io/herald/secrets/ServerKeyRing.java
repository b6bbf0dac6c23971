package io.herald.secrets;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The server's key ring, for code that is not a bean (the token makers, AddressHash.server()): installed by
 * ServerKeys at startup, read again from the database at most every {@link #MAX_AGE} (so a rotation on another
 * node is used here within a minute) and after a token matched none of its secrets, at most every
 * {@link #MIN_INTERVAL} (so a link signed by another node just after its rotation is accepted at once, and a flood
 * of forged tokens costs one small query every few seconds). If reading fails, the ring read last stays in use.
 */
public enum ServerKeyRing implements KeySource {
    INSTANCE;

    static final Duration MAX_AGE = Duration.ofMinutes(1);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(ServerKeyRing.class);

    private volatile Supplier<KeyRing> loader;
    private volatile KeyRing ring;
    private volatile long loadedAt;

    /** Starts using this loader (ServerKeys' at startup; a test's fixed ring); reads the ring now. */
    public void install(Supplier<KeyRing> newLoader) {
        this.loader = newLoader;
        this.ring = newLoader.get();
        this.loadedAt = System.nanoTime();
    }

    @Override
    public KeyRing current() {
        return readIfOlderThan(MAX_AGE);
    }

    @Override
    public KeyRing afterMiss() {
        return readIfOlderThan(MIN_INTERVAL);
    }

    /** Reads the ring now (after a rotation on this node, or when the secrets are listed). */
    public KeyRing reload() {
        return readIfOlderThan(Duration.ZERO);
    }

    private KeyRing readIfOlderThan(Duration age) {
        KeyRing current = ring;
        if (current == null) {
            throw new IllegalStateException("the signing secrets are not loaded yet (secrets/ServerKeys at startup)");
        }
        if (System.nanoTime() - loadedAt < age.toNanos() && !age.isZero()) {
            return current;
        }
        synchronized (this) {
            if (!age.isZero() && System.nanoTime() - loadedAt < age.toNanos()) {
                return ring;                            // another thread read it meanwhile
            }
            try {
                ring = loader.get();
            } catch (RuntimeException e) {
                LOG.warnf("Reading the signing secrets failed (%s); the ones read before stay in use", e.getMessage());
            }
            loadedAt = System.nanoTime();
            return ring;
        }
    }
}

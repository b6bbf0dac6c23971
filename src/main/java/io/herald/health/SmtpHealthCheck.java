package io.herald.health;

import io.herald.account.SendingAccount;
import io.herald.account.SendingAccounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The readiness check "smtp" (http://host:9990/health/ready): UP when the SMTP server of every sending account
 * (java:jboss/mail/herald and those of add-sending-account.cli) answers and would accept Herald's connection, DOWN when
 * one would not, because then campaigns on that account cannot send. The data describes the default account's server
 * field by field and every other account in one entry, "account.name". Readiness, not liveness: restarting Herald
 * does not bring an SMTP server back. An expiring TLS certificate keeps it UP, with a "warning" in the data and a WARN
 * in the log once a day. GET /accounts shows the same probes account by account.
 * <p>
 * WildFly runs health checks on its management I/O thread, so the check does not wait on the network: it answers
 * with the latest probes' results and starts new probes in the background once those results are REFRESH_AFTER old.
 * Only the first request after deployment waits for the first probes.
 */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    static final String NAME = "smtp";
    /** Age after which a result is probed again: however often the endpoint is polled, one connection per 5 s. */
    static final Duration REFRESH_AFTER = Duration.ofSeconds(5);
    /** How long the first request waits for the first probe; a server that has not greeted by then is no use either. */
    static final Duration FIRST_PROBE_WAIT = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(SmtpHealthCheck.class);

    @Inject
    SendingAccounts accounts;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    @Inject
    Clock clock;

    SmtpProbe probe = new SmtpProbe();

    /** One account's probe: its result, or why there is none (error), and when the probe started. */
    private record Probed(SmtpProbeResult result, String error, Instant at) {
        boolean up() {
            return result != null && result.up();
        }

        String problem() {
            return result == null ? error : result.problem();
        }
    }

    /** The latest probe of each account, the default first; null before the first probes finished. */
    private volatile Map<String, Probed> latest;
    private volatile Instant probedAt;
    private Future<?> probing;
    private final Map<String, String> loggedWarnings = new ConcurrentHashMap<>();

    /** The first probe starts with Herald, so the first health request rarely has to wait for it. */
    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        refreshIfStale();
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Probed> p = current();
        return p != null ? response(p) : down("the first probe of the SMTP server has not finished within "
                + FIRST_PROBE_WAIT.toSeconds() + " s", clock.instant());
    }

    /**
     * Each account's health by name, as GET /accounts shows it (UNKNOWN until the first probes finished, and for an
     * account that has none yet).
     */
    public Map<String, AccountHealth> byAccount() {
        Map<String, Probed> p = current();
        Map<String, AccountHealth> health = new LinkedHashMap<>();
        for (SendingAccount account : accounts.all()) {
            Probed probed = p == null ? null : p.get(account.name());
            health.put(account.name(), probed == null ? AccountHealth.UNKNOWN
                    : new AccountHealth(probed.up() ? "UP" : "DOWN", probed.problem(),
                            probed.result() == null ? null : probed.result().warning(probed.at()), probed.at()));
        }
        return health;
    }

    /** The latest probes, waiting for the first ones if there are none yet; null if they have not finished in time. */
    private Map<String, Probed> current() {
        Future<?> running = refreshIfStale();
        Map<String, Probed> p = latest;
        if (p == null) {
            awaitFirst(running);
            p = latest;
        }
        return p;
    }

    /** Starts the probes unless they are running or the latest results are fresh; returns the probes started or running. */
    private synchronized Future<?> refreshIfStale() {
        Instant at = probedAt;
        boolean stale = at == null || !clock.instant().isBefore(at.plus(REFRESH_AFTER));
        if (stale && (probing == null || probing.isDone())) {
            probing = executor.submit(this::refresh);
        }
        return probing;
    }

    /** Probes every account in turn; runs on the executor, never twice at a time. */
    private void refresh() {
        Instant now = clock.instant();
        Map<String, Probed> before = latest;
        Map<String, Probed> results = new LinkedHashMap<>();
        for (SendingAccount account : accounts.all()) {
            Probed probed;
            try {
                probed = new Probed(probe.probe(account.target()), null, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot probe the SMTP server of account %s", account.name());
                probed = new Probed(null, "cannot probe the SMTP server: " + e, now);
            }
            logChange(account, before == null ? null : before.get(account.name()), probed, now);
            results.put(account.name(), probed);
        }
        latest = results;
        probedAt = now;
    }

    private HealthCheckResponse response(Map<String, Probed> probes) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean up = true;
        Instant checkedAt = null;
        for (Map.Entry<String, Probed> e : probes.entrySet()) {
            Probed p = e.getValue();
            up &= p.up();
            checkedAt = p.at();
            if (SendingAccounts.DEFAULT.equals(e.getKey())) {
                describe(p, data);
            } else {
                String server = p.result() == null ? "" : " " + p.result().target().server();
                data.put("account." + e.getKey(), (p.up() ? "UP" : "DOWN") + server
                        + (p.up() ? "" : ": " + p.problem()));
            }
        }
        if (checkedAt != null) {
            data.put("checkedAt", checkedAt.toString());
        }
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    /** The default account's server, field by field. */
    private static void describe(Probed p, Map<String, Object> data) {
        SmtpProbeResult r = p.result();
        if (r == null) {
            data.put("error", p.error());
            return;
        }
        data.put("server", r.target().server());
        putIfPresent(data, "address", r.address());
        data.put("tls", r.target().tls().label());
        putIfPresent(data, "greeting", r.greeting());
        putIfPresent(data, "ehlo", r.ehlo());
        putIfPresent(data, "tlsProtocol", r.tlsProtocol());
        ServerCertificate c = r.certificate();
        if (c != null) {
            data.put("certificateSubject", c.subject());
            data.put("certificateNotAfter", c.notAfter().toString());
            data.put("certificateDaysLeft", c.daysLeft(p.at()));
            data.put("certificateTrusted", c.trusted());
            putIfPresent(data, "certificateDistrust", c.distrust());
        }
        putIfPresent(data, "error", r.problem());
        putIfPresent(data, "warning", r.warning(p.at()));
    }

    private static HealthCheckResponse down(String error, Instant now) {
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                Optional.of(Map.of("error", error, "checkedAt", now.toString())));
    }

    /**
     * WARN when an account's server turns unusable, and for a certificate warning (again when its text changes:
     * daily); INFO when it is back.
     */
    private void logChange(SendingAccount account, Probed before, Probed now, Instant at) {
        boolean wasUp = before == null || before.up();
        String whose = account.isDefault() ? "" : " through account " + account.name();
        if (!now.up() && wasUp) {
            LOG.warnf("Herald cannot send mail%s: %s", whose, now.problem());
        } else if (now.up() && !wasUp) {
            LOG.infof("SMTP server %s%s answers again: %s", now.result().target().server(),
                    account.isDefault() ? "" : " (account " + account.name() + ")", now.result().greeting());
        }
        String warning = now.result() == null ? null : now.result().warning(at);
        String logged = loggedWarnings.get(account.name());
        if (warning != null && !warning.equals(logged)) {
            LOG.warn(warning);
        }
        if (warning == null) {
            loggedWarnings.remove(account.name());
        } else {
            loggedWarnings.put(account.name(), warning);
        }
    }

    private static void awaitFirst(Future<?> first) {
        try {
            first.get(FIRST_PROBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // answered as "not finished"
        }
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}

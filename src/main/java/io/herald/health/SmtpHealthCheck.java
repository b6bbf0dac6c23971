package io.herald.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * The readiness check "smtp" (http://host:9990/health/ready): UP when the SMTP server of Herald's mail session
 * (java:jboss/mail/herald) answers and would accept Herald's connection, DOWN when it would not, because then no
 * campaign can send. Readiness, not liveness: restarting Herald does not bring an SMTP server back. An expiring TLS
 * certificate keeps it UP, with a "warning" in the data and a WARN in the log once a day.
 * <p>
 * WildFly runs health checks on its management I/O thread, so the check does not wait on the network: it answers
 * with the latest probe's result and starts a new probe in the background once that result is REFRESH_AFTER old.
 * Only the first request after deployment waits for the first probe.
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

    @Resource(lookup = "java:jboss/mail/herald")
    Session session;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    @Inject
    Clock clock;

    SmtpProbe probe = new SmtpProbe();

    /** A probe's answer and when the probe started. */
    private record Probed(HealthCheckResponse response, Instant at) {
    }

    private volatile Probed latest;
    private Future<?> probing;
    private String loggedWarning;

    /** The first probe starts with Herald, so the first health request rarely has to wait for it. */
    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        refreshIfStale();
    }

    @Override
    public HealthCheckResponse call() {
        Future<?> running = refreshIfStale();
        Probed p = latest;
        if (p == null) {
            awaitFirst(running);
            p = latest;
        }
        return p != null ? p.response() : down("the first probe of the SMTP server has not finished within "
                + FIRST_PROBE_WAIT.toSeconds() + " s", clock.instant());
    }

    /** Starts a probe unless one is running or the latest result is fresh; returns the probe started or running. */
    private synchronized Future<?> refreshIfStale() {
        Probed p = latest;
        boolean stale = p == null || !clock.instant().isBefore(p.at().plus(REFRESH_AFTER));
        if (stale && (probing == null || probing.isDone())) {
            probing = executor.submit(this::refresh);
        }
        return probing;
    }

    /** One probe; runs on the executor, never two at a time. */
    private void refresh() {
        Instant now = clock.instant();
        HealthCheckResponse response;
        try {
            SmtpProbeResult result = probe.probe(SmtpTarget.of(session.getProperties()));
            logChange(result, now);
            response = response(result, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot probe Herald's SMTP server");
            response = down("cannot probe the SMTP server: " + e, now);
        }
        latest = new Probed(response, now);
    }

    private static HealthCheckResponse response(SmtpProbeResult r, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
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
            data.put("certificateDaysLeft", c.daysLeft(now));
            data.put("certificateTrusted", c.trusted());
            putIfPresent(data, "certificateDistrust", c.distrust());
        }
        putIfPresent(data, "error", r.problem());
        putIfPresent(data, "warning", r.warning(now));
        data.put("checkedAt", now.toString());
        return new HealthCheckResponse(NAME, r.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    private static HealthCheckResponse down(String error, Instant now) {
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                Optional.of(Map.of("error", error, "checkedAt", now.toString())));
    }

    /**
     * WARN when the server turns unusable, and for a certificate warning (again when its text changes: daily);
     * INFO when it is back.
     */
    private void logChange(SmtpProbeResult r, Instant now) {
        Probed before = latest;
        boolean wasUp = before == null || before.response().getStatus() == HealthCheckResponse.Status.UP;
        if (!r.up() && wasUp) {
            LOG.warnf("Herald cannot send mail: %s", r.problem());
        } else if (r.up() && !wasUp) {
            LOG.infof("SMTP server %s answers again: %s", r.target().server(), r.greeting());
        }
        String warning = r.warning(now);
        if (warning != null && !warning.equals(loggedWarning)) {
            LOG.warn(warning);
        }
        loggedWarning = warning;
    }

    private static void awaitFirst(Future<?> first) {
        try {
            first.get(FIRST_PROBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // answered below as "not finished"
        }
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}

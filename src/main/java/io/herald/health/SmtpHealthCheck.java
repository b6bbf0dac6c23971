package io.herald.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The readiness check "smtp" (http://host:9990/health/ready): UP when the SMTP server of Herald's mail session
 * (java:jboss/mail/herald) answers and would accept Herald's connection, DOWN when it would not, because then no
 * campaign can send. Readiness, not liveness: restarting Herald does not bring an SMTP server back. An expiring TLS
 * certificate keeps it UP, with a "warning" in the data and a WARN in the log once a day.
 * One probe at most every CACHE_FOR, however often the endpoint is polled.
 */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    static final String NAME = "smtp";
    /** How long a probe's result is reused: a few load balancers polling every second open one SMTP connection. */
    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(SmtpHealthCheck.class);

    @Resource(lookup = "java:jboss/mail/herald")
    Session session;

    @Inject
    Clock clock;

    SmtpProbe probe = new SmtpProbe();

    private HealthCheckResponse last;
    private Instant lastAt;
    private String loggedWarning;

    @Override
    public synchronized HealthCheckResponse call() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(CACHE_FOR))) {
            SmtpProbeResult result = probe.probe(SmtpTarget.of(session.getProperties()));
            logChange(result, now);
            last = response(result, now);
            lastAt = now;
        }
        return last;
    }

    private static HealthCheckResponse response(SmtpProbeResult r, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("server", r.target().server());
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

    /** WARN when the server turns unusable and for a certificate warning (again when its text changes: daily), INFO when it is back. */
    private void logChange(SmtpProbeResult r, Instant now) {
        boolean wasUp = last == null || last.getStatus() == HealthCheckResponse.Status.UP;
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

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null) {
            data.put(key, Objects.toString(value));
        }
    }
}

package io.herald.preflight;

import io.herald.campaign.CampaignStatus;
import io.herald.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The spam pre-flight: a campaign's sample message (SampleMessages) scored by spamd (SpamdClient) and flagged
 * (ContentFlags); and the launch gate built on it, the one place that decides whether POST /campaigns/{id}/send may
 * go on. Settings are read when Herald is deployed: a bad one stops the deployment, naming it.
 */
@ApplicationScoped
public class PreflightService {

    private static final Logger LOG = Logger.getLogger(PreflightService.class);
    /** spamd on the LAN accepts in milliseconds; two seconds means it is down, and a launch should not hang on it. */
    static final int CONNECT_TIMEOUT_MS = 2000;
    /** spamd with local rules only (-L) scores a newsletter in well under a second; DNS tests can take 10 s or more. */
    static final int CHECK_TIMEOUT_MS = 15000;

    @Inject
    SampleMessages samples;

    @Inject
    Clock clock;

    private PreflightSettings settings;
    private SpamdClient spamd;

    @PostConstruct
    void init() {
        configure(PreflightSettings.fromSystemProperties());
    }

    void configure(PreflightSettings settings) {
        this.settings = settings;
        if (settings.configured()) {
            spamd = new SpamdClient(settings.spamdHost().get(), settings.spamdPort(), CONNECT_TIMEOUT_MS,
                    CHECK_TIMEOUT_MS);
            LOG.infof("Spam pre-flight: spamd at %s, threshold %.1f; launches scoring more are refused",
                    spamd.address(), settings.threshold());
        } else {
            LOG.warnf("Spam pre-flight is not configured (%s is not set): campaigns are launched without a spam"
                    + " check, and POST /campaigns/{id}/preflight answers 503", PreflightSettings.describe(
                    PreflightSettings.HOST));
        }
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        settings.configured();                           // touching the bean reads the settings now
    }

    /**
     * POST /campaigns/{id}/preflight: the sample for {@code recipient} (an address of the campaign's list) or for the
     * first ACTIVE recipient. 404 without the campaign, 409 when there is nobody to render it for, 503 when spamd is
     * not configured or does not answer.
     */
    public PreflightReport check(long campaignId, String recipient) {
        SampleMessages.Target target = samples.target(campaignId);
        if (!settings.configured()) {
            throw new ApiException(503, "spamd", "the spam pre-flight is not configured: set "
                    + PreflightSettings.describe(PreflightSettings.HOST) + " to a spamd's host");
        }
        Sample sample = samples.render(campaignId, target.listId(), recipient);
        if (sample == null) {
            throw ApiException.conflict("recipient", "list " + target.listId() + " has no ACTIVE recipient to render"
                    + " a sample message for");
        }
        try {
            return score(campaignId, sample);
        } catch (SpamdException e) {
            throw new ApiException(503, "spamd", e.getMessage());
        }
    }

    /**
     * The launch gate, called by POST /campaigns/{id}/send before CampaignService.launch. {@code force} ("true" or
     * "false", null = false) skips the check, and only an admin may (403). Otherwise a DRAFT, one-off campaign whose
     * sample scores at or above the threshold is refused (409 with the pre-flight), and so is any launch while spamd
     * does not answer (503). Not checked: everything when no spamd is configured; a campaign that launch will refuse
     * anyway (not DRAFT, recurring); a list without an ACTIVE recipient or whose first ones cannot be rendered (the
     * send step skips them, saying why).
     */
    public void beforeLaunch(long campaignId, String force, boolean admin) {
        gate(campaignId, force, admin, "launch", false);
    }

    /**
     * The same gate for PUT /campaigns/{id}/schedule (admins only): the scheduler launches the campaign, or each
     * night's run of a recurring one, with nobody there to refuse it to, so the check is made when it is scheduled.
     */
    public void beforeSchedule(long campaignId, String force, boolean admin) {
        gate(campaignId, force, admin, "schedule", true);
    }

    private void gate(long campaignId, String force, boolean admin, String action, boolean recurringToo) {
        if (forced(force)) {
            if (!admin) {
                throw new ApiException(403, "force", "only an admin may " + action + " a campaign without its spam"
                        + " pre-flight (force=true)");
            }
            LOG.warnf("campaign %d: %s by an admin with force=true; spam pre-flight skipped", campaignId, action);
            return;
        }
        if (!settings.configured()) {
            return;
        }
        SampleMessages.Target target = samples.target(campaignId);
        if (target.status() != CampaignStatus.DRAFT || target.cron() != null && !recurringToo) {
            return;
        }
        Sample sample;
        try {
            sample = samples.render(campaignId, target.listId(), null);
        } catch (ApiException e) {
            LOG.warnf("campaign %d: %s without spam pre-flight: %s", campaignId, action, e.getMessage());
            return;
        }
        if (sample == null) {
            return;
        }
        PreflightReport report;
        try {
            report = score(campaignId, sample);
        } catch (SpamdException e) {
            throw new ApiException(503, "spamd", e.getMessage() + "; a " + action + " waits for the spam pre-flight"
                    + " (an admin may " + action + " with force=true)");
        }
        if (report.spam()) {
            throw new SpamRefusedException(campaignId, report, action);
        }
    }

    private PreflightReport score(long campaignId, Sample sample) throws SpamdException {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            sample.message().writeTo(bytes);                 // as Transport.sendMessage writes it, DKIM-signed
            SpamdVerdict verdict = spamd.check(bytes.toByteArray());
            PreflightReport report = PreflightReport.of(verdict, settings.threshold(),
                    ContentFlags.of(sample.message()), sample.recipient(), clock.instant());
            LOG.infof("campaign %d: spam pre-flight for %s: score %.1f (threshold %.1f)%s", campaignId,
                    sample.recipient(), report.score(), report.threshold(), report.spam() ? " SPAM: "
                    + report.ruleSummary() : "");
            return report;
        } catch (MessagingException | IOException e) {
            throw new ApiException(409, "recipient", "the sample message for " + sample.recipient()
                    + " cannot be written: " + e.getMessage());
        }
    }

    private static boolean forced(String force) {
        if (force == null || force.isBlank()) {
            return false;
        }
        return switch (force.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("force", "force must be true or false, not '" + force + "'");
        };
    }
}

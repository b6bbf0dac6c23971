package io.herald.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.campaign.CampaignStatus;
import io.herald.mail.MailHeaders;
import io.herald.mail.MessageComposer;
import io.herald.platform.ApiException;
import io.herald.template.RenderedContent;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The launch gate and the pre-flight's answers, with the campaign and its sample message stubbed and a stand-in
 * spamd on an ephemeral loopback port that answers every check with a given score (or a closed port for a spamd
 * that is down).
 */
class PreflightServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T13:00:00Z");
    private static final long CAMPAIGN = 7;

    private final StubSamples samples = new StubSamples();
    private ServerSocket spamd;
    private final AtomicInteger checks = new AtomicInteger();

    @AfterEach
    void stopSpamd() throws IOException {
        if (spamd != null) {
            spamd.close();
        }
    }

    @Test
    void aSpamScoreRefusesTheLaunchWithTheRules() throws Exception {
        PreflightService gate = service(spamdScoring("8.9"));
        SpamRefusedException refused = assertThrows(SpamRefusedException.class,
                () -> gate.beforeLaunch(CAMPAIGN, null, true));
        assertEquals(409, refused.status());
        assertEquals("preflight", refused.field());
        assertEquals(8.9, refused.report().score());
        assertEquals(List.of(new RuleHit("REPLICA_WATCH", 3.5, "BODY: Message talks about a replica watch")),
                refused.report().rules());
        assertTrue(refused.getMessage().contains("scores 8.9") && refused.getMessage().contains("REPLICA_WATCH (3.5)")
                && refused.getMessage().contains("force=true"), refused.getMessage());
    }

    @Test
    void theThresholdItselfIsSpamAndBelowItLaunches() throws Exception {
        assertThrows(SpamRefusedException.class, () -> service(spamdScoring("5.0")).beforeLaunch(CAMPAIGN, "false", false));
        service(spamdScoring("4.9")).beforeLaunch(CAMPAIGN, "false", false);
        assertEquals(2, checks.get());
    }

    @Test
    void onlyAnAdminMayForceAndAForcedLaunchIsNotChecked() throws Exception {
        PreflightService gate = service(spamdScoring("20.0"));
        ApiException operator = assertThrows(ApiException.class, () -> gate.beforeLaunch(CAMPAIGN, "true", false));
        assertEquals(403, operator.status());
        assertEquals("force", operator.field());
        gate.beforeLaunch(CAMPAIGN, "TRUE", true);
        assertEquals(0, checks.get(), "spamd is not asked");
        ApiException bad = assertThrows(ApiException.class, () -> gate.beforeLaunch(CAMPAIGN, "yes", true));
        assertEquals(400, bad.status());
        assertEquals("force", bad.field());
    }

    @Test
    void aSpamdThatIsDownRefusesTheLaunchNamingItButNotAForcedOne() throws Exception {
        int port = closedPort();
        PreflightService gate = service(Optional.of("127.0.0.1"), port);
        ApiException down = assertThrows(ApiException.class, () -> gate.beforeLaunch(CAMPAIGN, null, true));
        assertEquals(503, down.status());
        assertTrue(down.getMessage().startsWith("spamd at 127.0.0.1:" + port + " cannot be reached")
                && down.getMessage().contains("force=true"), down.getMessage());
        ApiException preflight = assertThrows(ApiException.class, () -> gate.check(CAMPAIGN, null));
        assertEquals(503, preflight.status());
        gate.beforeLaunch(CAMPAIGN, "true", true);
    }

    @Test
    void withoutSpamdNothingIsGatedAndThePreflightIsUnavailable() throws Exception {
        PreflightService gate = service(Optional.empty(), 783);
        gate.beforeLaunch(CAMPAIGN, null, false);
        ApiException e = assertThrows(ApiException.class, () -> gate.check(CAMPAIGN, null));
        assertEquals(503, e.status());
        assertEquals("the spam pre-flight is not configured: set herald.spamd.host (HERALD_SPAMD_HOST) to a spamd's"
                + " host", e.getMessage());
    }

    @Test
    void campaignsThatLaunchRefusesAnywayOrThatHaveNobodyToSendToAreNotChecked() throws Exception {
        PreflightService gate = service(spamdScoring("20.0"));
        samples.target = new SampleMessages.Target(3, CampaignStatus.RUNNING, null);
        gate.beforeLaunch(CAMPAIGN, null, false);
        samples.target = new SampleMessages.Target(3, CampaignStatus.DRAFT, "0 9 * * MON");
        gate.beforeLaunch(CAMPAIGN, null, false);
        samples.target = new SampleMessages.Target(3, CampaignStatus.DRAFT, null);
        samples.sample = null;
        gate.beforeLaunch(CAMPAIGN, null, false);
        assertEquals(0, checks.get());
        ApiException nobody = assertThrows(ApiException.class, () -> gate.check(CAMPAIGN, null));
        assertEquals(409, nobody.status());
        assertEquals("recipient", nobody.field());
    }

    @Test
    void schedulingIsGatedLikeALaunchAndSoIsARecurringCampaignWhichTheSchedulerWouldLaunchUnchecked() throws Exception {
        PreflightService gate = service(spamdScoring("20.0"));
        samples.target = new SampleMessages.Target(3, CampaignStatus.DRAFT, null);
        SpamRefusedException oneOff = assertThrows(SpamRefusedException.class,
                () -> gate.beforeSchedule(CAMPAIGN, null, true));
        assertTrue(oneOff.getMessage().endsWith("or schedule with ?force=true as an admin to send it anyway"),
                oneOff.getMessage());
        samples.target = new SampleMessages.Target(3, CampaignStatus.DRAFT, "0 9 * * MON");
        assertThrows(SpamRefusedException.class, () -> gate.beforeSchedule(CAMPAIGN, "false", true));
        assertEquals(2, checks.get());
        gate.beforeSchedule(CAMPAIGN, "true", true);
        assertEquals(2, checks.get(), "forced: not checked");
    }

    @Test
    void thePreflightReportsScoreRulesFlagsAndRecipient() throws Exception {
        PreflightReport r = service(spamdScoring("8.9")).check(CAMPAIGN, "ada@example.com");
        assertEquals(new PreflightReport(8.9, 5.0, true,
                List.of(new RuleHit("REPLICA_WATCH", 3.5, "BODY: Message talks about a replica watch")),
                List.of(new ContentFlag(ContentFlag.NO_TEXT_PART, r.flags().get(0).description()),
                        new ContentFlag(ContentFlag.NO_LIST_UNSUBSCRIBE, r.flags().get(1).description())),
                "ada@example.com", NOW), r);
        assertEquals("ada@example.com", samples.asked);
    }

    private PreflightService service(int port) {
        return service(Optional.of("127.0.0.1"), port);
    }

    private PreflightService service(Optional<String> host, int port) {
        PreflightService s = new PreflightService();
        s.samples = samples;
        s.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        s.configure(new PreflightSettings(host, port, 5.0));
        return s;
    }

    /** A stand-in spamd that answers every REPORT with the score and one rule; returns its port. */
    private int spamdScoring(String score) throws IOException {
        stopSpamd();
        spamd = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        ServerSocket server = spamd;
        CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().readAllBytes();
                    checks.incrementAndGet();
                    s.getOutputStream().write(("SPAMD/1.1 0 EX_OK\r\nSpam: True ; " + score + " / 5.0\r\n\r\n"
                            + "---- ---------------------- ----\n"
                            + " 3.5 REPLICA_WATCH          BODY: Message talks about a replica watch\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /** The campaign (a DRAFT one-off) and its sample (HTML only, no list headers) without a database. */
    private static final class StubSamples extends SampleMessages {

        Target target = new Target(3, CampaignStatus.DRAFT, null);
        Sample sample;
        String asked;

        StubSamples() {
            try {
                Session session = Session.getInstance(new Properties());
                InternetAddress from = new InternetAddress("news@example.org");
                sample = new Sample("ada@example.com", MessageComposer.compose(session, new MailHeaders(from,
                        new InternetAddress("ada@example.com"), null, MessageComposer.messageId("p", from), NOW),
                        new RenderedContent("Hi", "<p>Hello</p>", null), List.of(), List.of()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Target target(long campaignId) {
            return target;
        }

        @Override
        public Sample render(long campaignId, long listId, String address) {
            asked = address;
            return sample;
        }
    }
}

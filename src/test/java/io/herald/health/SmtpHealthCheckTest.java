package io.herald.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.herald.account.SendingAccount;
import io.herald.account.SendingAccounts;
import io.herald.testing.MovableClock;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP health check against real SMTP servers on free ports: GreenMail (plain SMTP and implicit TLS) and a
 * STARTTLS server, with certificates keytool makes for the test.
 */
class SmtpHealthCheckTest {

    @TempDir
    static Path keys;
    static KeyStore expiresIn3Days;
    static KeyStore expiresIn90Days;
    static KeyStore expired;
    static KeyStore testCa;

    private final MovableClock clock = new MovableClock(Instant.now());

    @BeforeAll
    static void certificates() {
        expiresIn3Days = TestCertificates.selfSigned(keys, "smtp3.test.herald", 3);
        expiresIn90Days = TestCertificates.selfSigned(keys, "smtp90.test.herald", 90);
        // a self-signed trust anchor is not checked for expiry: an expired certificate needs an issuer
        expired = TestCertificates.issued(keys, keys.resolve("ca.p12"), "expired.test.herald", "-10d", 5);
        testCa = TestCertificates.load(keys.resolve("ca.p12"));
    }

    @Test
    void plainServerThatGreetsAndAnswersEhloIsUp() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            int port = greenMail.getSmtp().getPort();
            HealthCheckResponse r = check(session(port, "none"), jvmTrustStore()).call();

            assertEquals("smtp", r.getName());
            assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), data(r).toString());
            assertEquals("127.0.0.1:" + port, data(r).get("server"));
            assertEquals("127.0.0.1", data(r).get("address"));
            assertEquals("none", data(r).get("tls"));
            assertTrue(((String) data(r).get("greeting")).startsWith("220 "), data(r).toString());
            assertTrue(((String) data(r).get("ehlo")).startsWith("250"), data(r).toString());
            assertFalse(data(r).containsKey("certificateSubject"), data(r).toString());
            assertFalse(data(r).containsKey("error"), data(r).toString());
            assertFalse(data(r).containsKey("warning"), data(r).toString());
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void everyAccountIsProbedAndOneDownMakesTheCheckDown() throws IOException {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            int up = greenMail.getSmtp().getPort();
            int down = freePort();
            SmtpHealthCheck check = check(session(up, "none"), jvmTrustStore());
            check.accounts = SendingAccounts.of(
                    new SendingAccount("default", "java:jboss/mail/herald", Session.getInstance(session(up, "none"))),
                    new SendingAccount("bulk", "java:jboss/mail/herald-accounts/bulk", Session.getInstance(session(down, "none"))));
            HealthCheckResponse r = check.call();

            assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus(), data(r).toString());
            assertEquals("127.0.0.1:" + up, data(r).get("server"), "the default account's fields as before");
            assertFalse(data(r).containsKey("error"), data(r).toString());
            String bulk = (String) data(r).get("account.bulk");
            assertTrue(bulk.startsWith("DOWN 127.0.0.1:" + down + ": SMTP server 127.0.0.1:" + down + " cannot be reached"), bulk);
            assertEquals("UP", check.byAccount().get("default").status());
            assertEquals("DOWN", check.byAccount().get("bulk").status());
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void nothingListeningIsDownWithTheError() throws IOException {
        int port = freePort();
        HealthCheckResponse r = check(session(port, "none"), jvmTrustStore()).call();

        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertEquals("127.0.0.1:" + port, data(r).get("server"));
        String error = (String) data(r).get("error");
        assertTrue(error.startsWith("SMTP server 127.0.0.1:" + port + " cannot be reached: "), error);
        assertTrue(error.contains("Connection refused"), error);
    }

    @Test
    void implicitTlsCertificateExpiringIn3DaysIsUpWithAWarning() {
        SmtpsGreenMail greenMail = SmtpsGreenMail.start(TestCertificates.serverContext(expiresIn3Days));
        try {
            Properties session = session(greenMail.port(), "ssl");
            session.setProperty("mail.smtp.ssl.trust", "*");     // the session accepts the self-signed certificate
            HealthCheckResponse r = check(session, jvmTrustStore()).call();

            Map<String, Object> data = data(r);
            assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), data.toString());
            assertEquals("ssl", data.get("tls"));
            assertTrue(((String) data.get("greeting")).startsWith("220 "), data.toString());
            assertTrue(((String) data.get("tlsProtocol")).startsWith("TLSv1."), data.toString());
            assertEquals("CN=smtp3.test.herald", data.get("certificateSubject"));
            assertEquals(2L, data.get("certificateDaysLeft"));
            assertEquals(false, data.get("certificateTrusted"));
            assertTrue(((String) data.get("certificateDistrust")).contains("PKIX"), data.toString());
            String warning = (String) data.get("warning");
            assertTrue(warning.startsWith("TLS certificate of 127.0.0.1 expires in 2 days ("), warning);
            assertTrue(warning.contains(notAfter(expiresIn3Days).toString()), warning);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void implicitTlsCertificateValidFor90DaysAndTrustedIsUpWithoutWarning() {
        SmtpsGreenMail greenMail = SmtpsGreenMail.start(TestCertificates.serverContext(expiresIn90Days));
        try {
            HealthCheckResponse r = check(session(greenMail.port(), "ssl"), trustStoreOf(expiresIn90Days)).call();

            Map<String, Object> data = data(r);
            assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), data.toString());
            assertEquals("CN=smtp90.test.herald", data.get("certificateSubject"));
            assertEquals(notAfter(expiresIn90Days).toString(), data.get("certificateNotAfter"));
            assertEquals(89L, data.get("certificateDaysLeft"));
            assertEquals(true, data.get("certificateTrusted"));
            assertFalse(data.containsKey("certificateDistrust"), data.toString());
            assertFalse(data.containsKey("warning"), data.toString());
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void certificateTheMailSessionWouldRefuseIsDown() {
        SmtpsGreenMail greenMail = SmtpsGreenMail.start(TestCertificates.serverContext(expiresIn90Days));
        try {
            HealthCheckResponse r = check(session(greenMail.port(), "ssl"), jvmTrustStore()).call();

            Map<String, Object> data = data(r);
            assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus(), data.toString());
            assertTrue(((String) data.get("greeting")).startsWith("220 "), "the handshake succeeded: " + data);
            String error = (String) data.get("error");
            assertTrue(error.startsWith("TLS certificate of SMTP server 127.0.0.1:" + greenMail.port()
                    + " (CN=smtp90.test.herald) is not trusted: "), error);
            assertTrue(error.contains("mail.smtp.ssl.trust"), error);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void expiredCertificateIsDownUnlessTheSessionTrustsTheHostWhateverItsCertificate() {
        SmtpsGreenMail greenMail = SmtpsGreenMail.start(TestCertificates.serverContext(expired));
        try {
            HealthCheckResponse r = check(session(greenMail.port(), "ssl"),
                    InspectingTrustManager.of(TestCertificates.trusting(testCa, "ca"))).call();

            Map<String, Object> data = data(r);
            assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus(), data.toString());
            assertEquals(false, data.get("certificateTrusted"));
            assertTrue(((String) data.get("error")).contains("(CN=expired.test.herald) is not trusted: "), data.toString());
            assertEquals(-6L, data.get("certificateDaysLeft"));
            assertTrue(((String) data.get("warning")).startsWith("TLS certificate of 127.0.0.1 expired on "), data.toString());

            Properties trustingSession = session(greenMail.port(), "ssl");
            trustingSession.setProperty("mail.smtp.ssl.trust", "127.0.0.1");    // Angus accepts any certificate of this host
            HealthCheckResponse accepted = check(trustingSession, jvmTrustStore()).call();
            assertEquals(HealthCheckResponse.Status.UP, accepted.getStatus(), data(accepted).toString());
            assertTrue(((String) data(accepted).get("warning")).startsWith("TLS certificate of 127.0.0.1 expired on "),
                    data(accepted).toString());
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void starttlsCertificateExpiringIn3DaysIsUpWithAWarning() throws IOException {
        try (StartTlsSmtpServer server = StartTlsSmtpServer.start(TestCertificates.serverContext(expiresIn3Days))) {
            HealthCheckResponse r = check(session(server.port(), "starttls"), trustStoreOf(expiresIn3Days)).call();

            Map<String, Object> data = data(r);
            assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), data.toString());
            assertEquals("starttls", data.get("tls"));
            assertEquals("220 starttls.test ESMTP ready", data.get("greeting"));
            assertEquals("CN=smtp3.test.herald", data.get("certificateSubject"));
            assertEquals(true, data.get("certificateTrusted"));
            assertEquals(2L, data.get("certificateDaysLeft"));
            assertTrue(((String) data.get("warning")).startsWith("TLS certificate of 127.0.0.1 expires in 2 days"), data.toString());
            assertTrue(server.sawEhloOverTls(), "EHLO is repeated after the handshake");
        }
    }

    @Test
    void serverWithoutStarttlsIsDownWhenTheSessionRequiresIt() throws IOException {
        try (StartTlsSmtpServer server = StartTlsSmtpServer.start(null)) {
            HealthCheckResponse r = check(session(server.port(), "starttls"), jvmTrustStore()).call();

            assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
            assertEquals("SMTP server 127.0.0.1:" + server.port() + " answered STARTTLS with \"502 5.5.1 STARTTLS not"
                    + " available\"; Herald's mail session requires STARTTLS (HERALD_SMTP_TLS=starttls)",
                    data(r).get("error"));
        }
    }

    @Test
    void serverRefusingServiceInItsGreetingIsDown() throws IOException {
        try (StartTlsSmtpServer server = StartTlsSmtpServer.greeting(null, "554 5.3.2 Service unavailable")) {
            HealthCheckResponse r = check(session(server.port(), "none"), jvmTrustStore()).call();

            assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
            assertEquals("SMTP server 127.0.0.1:" + server.port() + " greeted with \"554 5.3.2 Service"
                    + " unavailable\"", data(r).get("error"));
        }
    }

    @Test
    void resultIsReusedFor5SecondsThenTheServerIsProbedAgainAndAnOutageIsLogged() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        SmtpHealthCheck check = check(session(port, "none"), jvmTrustStore());
        RecordingHandler log = RecordingHandler.on(SmtpHealthCheck.class);
        try {
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
            greenMail.stop();

            clock.move(SmtpHealthCheck.REFRESH_AFTER.minusMillis(1));
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "the last result, not a new probe");
            clock.move(Duration.ofMillis(1));
            HealthCheckResponse down = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals(clock.instant().toString(), data(down).get("checkedAt"));
            assertEquals(1, log.count(Level.WARNING, "Herald cannot send mail: SMTP server 127.0.0.1:" + port
                    + " cannot be reached"), log.toString());
        } finally {
            log.close();
        }
    }

    @Test
    void requestsDoNotWaitForAProbeOnceThereIsAResult() throws IOException, InterruptedException {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {   // never greets
            Properties session = session(silent.getLocalPort(), "none");
            session.setProperty("mail.smtp.timeout", "1000");
            SmtpHealthCheck check = check(session, jvmTrustStore());
            check.executor = background;

            HealthCheckResponse first = check.call();                   // waits for the first probe
            assertEquals("SMTP server 127.0.0.1:" + silent.getLocalPort() + " did not answer within 1000 ms (greeting)",
                    data(first).get("error"));
            clock.move(SmtpHealthCheck.REFRESH_AFTER);
            long start = System.nanoTime();
            HealthCheckResponse next = check.call();                    // starts a probe, answers with the last result
            assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "answered without waiting 1 s");
            assertEquals(data(first).get("checkedAt"), data(next).get("checkedAt"));
        } finally {
            background.shutdown();
            assertTrue(background.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void expiringCertificateIsLoggedOnceADay() {
        SmtpsGreenMail greenMail = SmtpsGreenMail.start(TestCertificates.serverContext(expiresIn3Days));
        SmtpHealthCheck check = check(session(greenMail.port(), "ssl"), trustStoreOf(expiresIn3Days));
        RecordingHandler log = RecordingHandler.on(SmtpHealthCheck.class);
        try {
            check.call();
            clock.move(Duration.ofMinutes(1));
            check.call();
            assertEquals(1, log.count(Level.WARNING, "TLS certificate of 127.0.0.1 expires in 2 days"), log.toString());
            clock.move(Duration.ofDays(1));
            check.call();
            assertEquals(1, log.count(Level.WARNING, "TLS certificate of 127.0.0.1 expires in 1 day ("), log.toString());
        } finally {
            log.close();
            greenMail.stop();
        }
    }

    private SmtpHealthCheck check(Properties session, X509ExtendedTrustManager trustStore) {
        SmtpHealthCheck check = new SmtpHealthCheck();
        check.accounts = SendingAccounts.of(new SendingAccount("default", "java:jboss/mail/herald", Session.getInstance(session)));
        check.clock = clock;
        check.probe = new SmtpProbe(trustStore);
        check.executor = new InlineExecutor();
        return check;
    }

    /** The properties WildFly gives Herald's mail session for HERALD_SMTP_TLS=tls (configure-mail.cli). */
    private static Properties session(int port, String tls) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.ssl.enable", String.valueOf(tls.equals("ssl")));
        p.setProperty("mail.smtp.starttls.enable", String.valueOf(tls.equals("starttls")));
        p.setProperty("mail.smtp.connectiontimeout", "2000");
        p.setProperty("mail.smtp.timeout", "4000");
        p.setProperty("mail.smtp.localhost", "herald.test");
        return p;
    }

    private static X509ExtendedTrustManager jvmTrustStore() {
        return InspectingTrustManager.of(null);
    }

    private static X509ExtendedTrustManager trustStoreOf(KeyStore keyPair) {
        return InspectingTrustManager.of(TestCertificates.trusting(keyPair, TestCertificates.SERVER));
    }

    private static Instant notAfter(KeyStore keyPair) {
        try {
            return ((java.security.cert.X509Certificate) keyPair.getCertificate(TestCertificates.SERVER)).getNotAfter().toInstant();
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> data(HealthCheckResponse r) {
        return r.getData().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs each probe in the calling thread, so a request sees the result of the probe it started. */
    private static final class InlineExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** Collects what a class logs (JBoss Logging writes to java.util.logging in unit tests). */
    private static final class RecordingHandler extends Handler {
        private final Logger logger;
        private final java.util.List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();

        private RecordingHandler(Logger logger) {
            this.logger = logger;
        }

        static RecordingHandler on(Class<?> type) {
            RecordingHandler h = new RecordingHandler(Logger.getLogger(type.getName()));
            h.logger.addHandler(h);
            return h;
        }

        long count(Level level, String prefix) {
            return records.stream().filter(r -> r.getLevel().intValue() == level.intValue()
                    && message(r).startsWith(prefix)).count();
        }

        private static String message(LogRecord r) {
            return r.getParameters() == null ? r.getMessage() : String.format(r.getMessage(), r.getParameters());
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        @Override
        public String toString() {
            return records.stream().map(r -> r.getLevel() + " " + message(r)).toList().toString();
        }
    }
}

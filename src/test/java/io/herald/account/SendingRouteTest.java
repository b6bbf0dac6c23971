package io.herald.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.herald.mail.SmtpConnection;
import io.herald.mail.SmtpOutcome;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A route with a fallback against real SMTP servers: while its own account's server greets with 421 (busy) or refuses
 * the connection, messages go through the fallback's GreenMail; once its own server answers, through it again.
 */
class SendingRouteTest {

    @Test
    void aBusyGreetingSendsThroughTheFallback() throws Exception {
        GreenMail fallbackServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        fallbackServer.start();
        try (BusyServer busy = new BusyServer();
             SendingRoute route = new SendingRoute(1, connection("own", busy.port()),
                     connection("fallback", fallbackServer.getSmtp().getPort()), Duration.ofMinutes(1))) {
            SmtpOutcome first = route.send(message("ann@example.com"), new InternetAddress("ann@example.com"));
            assertEquals(SmtpOutcome.Kind.ACCEPTED, first.kind(), first.describe());
            assertEquals("fallback", route.account());
            assertEquals(1, fallbackServer.getReceivedMessages().length, "the 421 sent the message to the fallback");
            assertEquals(1, busy.greeted(), "its own server was tried once");
            route.send(message("bob@example.com"), new InternetAddress("bob@example.com"));
            assertEquals(1, busy.greeted(), "and not again before the retry period is over");
            assertEquals(2, fallbackServer.getReceivedMessages().length);
        } finally {
            fallbackServer.stop();
        }
    }

    @Test
    void backOnItsOwnAccountOnceItAnswers() throws Exception {
        GreenMail fallbackServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        fallbackServer.start();
        int ownPort = freePort();                              // nothing listens yet: connection refused
        GreenMail ownServer = new GreenMail(new ServerSetup(ownPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (SendingRoute route = new SendingRoute(1, connection("own", ownPort),
                connection("fallback", fallbackServer.getSmtp().getPort()), Duration.ZERO)) {
            route.send(message("ann@example.com"), new InternetAddress("ann@example.com"));
            assertEquals("fallback", route.account());
            assertEquals(1, fallbackServer.getReceivedMessages().length);

            ownServer.start();                                 // its own server answers again
            SmtpOutcome second = route.send(message("bob@example.com"), new InternetAddress("bob@example.com"));
            assertEquals(SmtpOutcome.Kind.ACCEPTED, second.kind(), second.describe());
            assertEquals("own", route.account());
            assertEquals(1, ownServer.getReceivedMessages().length, "back on its own account");
            assertEquals(1, fallbackServer.getReceivedMessages().length, "nothing more through the fallback");
        } finally {
            fallbackServer.stop();
            ownServer.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static SmtpConnection connection(String account, int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return new SmtpConnection(account, Session.getInstance(p), 3, null);
    }

    private static MimeMessage message(String to) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("news@herald.example");
        m.setRecipients(MimeMessage.RecipientType.TO, to);
        m.setSubject("route");
        m.setText("hello");
        return m;
    }

    /** An SMTP server too busy for anyone: it greets each connection with 421 and closes it. */
    private static final class BusyServer implements AutoCloseable {

        private final ServerSocket socket;
        private volatile int greeted;

        BusyServer() throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::serve, "busy-smtp");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int greeted() {
            return greeted;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("421 4.3.2 busy, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    greeted++;
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

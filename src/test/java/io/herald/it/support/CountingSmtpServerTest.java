package io.herald.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CountingSmtpServerTest {

    @Test
    void threeMessagesOneOfThemToTwoRecipientsAreCountedPerRecipient() throws Exception {
        try (CountingSmtpServer server = CountingSmtpServer.start(0, Duration.ZERO)) {
            Session session = session(server);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                send(transport, message(session, "hello", "ann@example.com"));
                // a body line that is a lone "." is dot-stuffed by the client and must not end the message
                send(transport, message(session, "first line\r\n.\r\n.. two dots\r\nlast line", "bob@example.com"));
                send(transport, message(session, "x".repeat(1_000_000), "Ann@Example.COM", "cy@example.com"));
            }

            assertEquals(Map.of("ann@example.com", 2, "bob@example.com", 1, "cy@example.com", 1), server.countsByRecipient());
            assertEquals(4, server.accepted());
            assertEquals(1, server.maxConnections());
            assertTrue(server.bytesAccepted() > 1_000_000, "bytes accepted: " + server.bytesAccepted());
        }
    }

    @Test
    void connectionsOpenAtOnceAreCountedAndResetKeepsOnlyTheOpenOnes() throws Exception {
        try (CountingSmtpServer server = CountingSmtpServer.start(0, Duration.ZERO)) {
            Session session = session(server);
            try (Transport first = session.getTransport("smtp"); Transport second = session.getTransport("smtp")) {
                first.connect();
                second.connect();
                send(first, message(session, "one", "ann@example.com"));
                send(second, message(session, "two", "bob@example.com"));
                assertEquals(2, server.openConnections());
            }
            assertEquals(2, server.maxConnections());
            assertEquals(2, server.sessions());
            Poll.until(Duration.ofSeconds(5), "both connections closed", () -> server.openConnections() == 0 ? true : null);

            server.reset();

            assertEquals(Map.of(), server.countsByRecipient());
            assertEquals(0, server.accepted());
            assertEquals(0, server.maxConnections());
        }
    }

    @Test
    void dataIsAnsweredOnlyAfterTheDelay() throws Exception {
        try (CountingSmtpServer server = CountingSmtpServer.start(0, Duration.ofMillis(300))) {
            Session session = session(server);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                long start = System.nanoTime();
                send(transport, message(session, "slow", "ann@example.com"));
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
            }
            assertEquals(1, server.accepted());
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderAndUnknownOnesRefused() throws Exception {
        try (CountingSmtpServer server = CountingSmtpServer.start(0, Duration.ZERO);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220 "));

            out.write("EHLO test\r\nVRFY ann\r\nRCPT TO:<ann@example.com>\r\nMAIL FROM:<a@b>\r\nRCPT TO:<ann@example.com>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> replies = List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine(), in.readLine(),
                    in.readLine(), in.readLine(), in.readLine());
            assertEquals(List.of("250-counting-smtp.localhost", "250-8BITMIME", "250 PIPELINING",
                    "502 5.5.2 Error: command not recognized", "503 5.5.1 Error: need MAIL command", "250 2.1.0 Ok",
                    "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>"), replies);

            out.write("Subject: raw\r\n\r\nbody\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("250 2.0.0 Ok: queued", in.readLine());
            assertEquals("221 2.0.0 Bye", in.readLine());
            assertEquals(Map.of("ann@example.com", 1), server.countsByRecipient());
        }
    }

    private static Session session(CountingSmtpServer server) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session session, String text, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("news@herald.example"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject("test");
        message.setText(text);
        return message;
    }

    private static void send(Transport transport, MimeMessage message) throws MessagingException {
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
    }
}

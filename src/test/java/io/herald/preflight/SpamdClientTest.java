package io.herald.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SPAMC/1.5 conversation, against a stand-in spamd on an ephemeral loopback port (not spamd's 783). */
class SpamdClientTest {

    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sendsAReportRequestWithTheMessageAndReadsTheVerdict() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    String got = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    s.getOutputStream().write(("SPAMD/1.1 0 EX_OK\r\nSpam: False ; 1.2 / 5.0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    return got;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SpamdVerdict v = client(server.getLocalPort(), 2000).check(MESSAGE);
            assertEquals(1.2, v.score());
            assertEquals("REPORT SPAMC/1.5\r\nContent-length: " + MESSAGE.length + "\r\n\r\n"
                    + new String(MESSAGE, StandardCharsets.US_ASCII), request.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClosedPortIsNamedWithHostAndPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SpamdException e = assertThrows(SpamdException.class, () -> client(port, 2000).check(MESSAGE));
        assertTrue(e.getMessage().startsWith("spamd at 127.0.0.1:" + port + " cannot be reached"), e.getMessage());
    }

    @Test
    void aSpamdThatDoesNotAnswerTimesOut() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    in.transferTo(new ByteArrayOutputStream());      // reads the request, never answers
                    done.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the client gave up
                }
            });
            long start = System.nanoTime();
            SpamdException e = assertThrows(SpamdException.class, () -> client(server.getLocalPort(), 300).check(MESSAGE));
            assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "gave up after its timeout");
        } finally {
            done.countDown();
        }
    }

    private static SpamdClient client(int port, int readTimeoutMs) {
        return new SpamdClient("127.0.0.1", port, 1000, readTimeoutMs);
    }
}

package io.herald.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server with STARTTLS (RFC 3207) on 127.0.0.1 and a free port: GreenMail 2.1 has implicit TLS only.
 * It greets, answers EHLO (advertising STARTTLS while the connection is plain), upgrades to TLS with the test's
 * certificate on STARTTLS, and answers QUIT; anything else gets 502. One connection at a time.
 */
final class StartTlsSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final SSLContext tls;
    private final String greeting;
    private volatile boolean ehloOverTls;

    private StartTlsSmtpServer(SSLContext tls, String greeting) throws IOException {
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.greeting = greeting;
        Thread acceptor = new Thread(this::serve, "starttls-smtp-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server offering STARTTLS with this context's certificate; null: one that does not offer it (502). */
    static StartTlsSmtpServer start(SSLContext tls) throws IOException {
        return new StartTlsSmtpServer(tls, "220 starttls.test ESMTP ready");
    }

    /** A server that greets with this reply (e.g. a 554 refusal) and then behaves as start(tls). */
    static StartTlsSmtpServer greeting(SSLContext tls, String greeting) throws IOException {
        return new StartTlsSmtpServer(tls, greeting);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Whether a client said EHLO again after the TLS handshake, as RFC 3207 requires. */
    boolean sawEhloOverTls() {
        return ehloOverTls;
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                converse(client);
            } catch (IOException e) {
                // the client went away, or the listener was closed: next connection, or the end
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, greeting);
        boolean secure = false;
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    ehloOverTls |= secure;
                    reply(out, secure || tls == null ? "250 starttls.test" : "250-starttls.test\r\n250 STARTTLS");
                }
                case "STARTTLS" -> {
                    if (tls == null || secure) {
                        reply(out, "502 5.5.1 STARTTLS not available");
                        continue;
                    }
                    reply(out, "220 2.0.0 Ready to start TLS");
                    SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    socket = upgraded;
                    in = reader(socket);
                    out = socket.getOutputStream();
                    secure = true;
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

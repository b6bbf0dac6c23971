package io.herald.health;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One short SMTP dialog with the server, the way Herald's mail session opens its connections: connect, read the
 * 220 greeting, EHLO; for starttls STARTTLS, the TLS handshake and EHLO again; for ssl the handshake first; QUIT.
 * No mail is sent and no login is tried. The handshake accepts any certificate so it can be reported.
 */
public final class SmtpProbe {

    private static final String STARTTLS_REQUIRED =
            "; Herald's mail session requires STARTTLS (HERALD_SMTP_TLS=starttls)";
    /** Longest reply line kept for the report. */
    private static final int MAX_LINE = 200;

    private final X509ExtendedTrustManager trustStore;

    /** A probe that judges certificates by the JVM's default trust store, as Angus Mail does. */
    public SmtpProbe() {
        this(InspectingTrustManager.of(null));
    }

    SmtpProbe(X509ExtendedTrustManager trustStore) {
        this.trustStore = trustStore;
    }

    /** Talks to the server; never throws: a failure is the result's error. */
    public SmtpProbeResult probe(SmtpTarget target) {
        return new Dialog(target).run();
    }

    /** The state of one dialog: what the server said so far and which step is under way. */
    private final class Dialog {

        private final SmtpTarget target;
        private String step = "connect";
        private Socket socket;
        private BufferedReader in;
        private String address;
        private String greeting;
        private String ehlo;
        private String tlsProtocol;
        private ServerCertificate certificate;

        Dialog(SmtpTarget target) {
            this.target = target;
        }

        SmtpProbeResult run() {
            String error = null;
            try {
                socket = new Socket();
                socket.connect(new InetSocketAddress(target.host(), target.port()),
                        (int) target.connectTimeout().toMillis());
                address = socket.getInetAddress().getHostAddress();
                socket.setSoTimeout((int) target.readTimeout().toMillis());
                if (target.tls() == TlsMode.SSL) {
                    handshake();
                }
                in = reader();
                greeting = command("greeting", null, 220);
                ehlo = command("EHLO", "EHLO " + target.heloName(), 250);
                if (target.tls() == TlsMode.STARTTLS) {
                    command("STARTTLS", "STARTTLS", 220);
                    handshake();
                    in = reader();
                    ehlo = command("EHLO after STARTTLS", "EHLO " + target.heloName(), 250);
                }
                quit();
            } catch (IOException e) {
                error = describe(e);
            } finally {
                close();
            }
            return new SmtpProbeResult(target, address, greeting, ehlo, tlsProtocol, certificate, error);
        }

        /** Sends the command (none: the greeting) and returns the reply's first line if it has the code expected. */
        private String command(String what, String command, int expected) throws IOException {
            step = what;
            if (command != null) {
                socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            String first = null;
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new EOFException();
                }
                first = first == null ? line : first;
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(String.valueOf(expected))) {
                String answered = command == null ? " greeted with \"" : " answered " + what + " with \"";
                throw new RefusedException("SMTP server " + target.server() + answered + shorten(line) + "\""
                        + ("STARTTLS".equals(what) ? STARTTLS_REQUIRED : ""));
            }
            return shorten(first);
        }

        private void handshake() throws IOException {
            step = "TLS handshake";
            InspectingTrustManager inspector = new InspectingTrustManager(trustStore);
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {inspector}, null);
                SSLSocket tls = (SSLSocket) context.getSocketFactory()
                        .createSocket(socket, target.host(), target.port(), true);
                socket = tls;
                tls.startHandshake();
                tlsProtocol = tls.getSession().getProtocol();
                certificate = inspector.certificate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM cannot set up TLS: " + e.getMessage(), e);
            }
        }

        /** QUIT, and its 221 if it comes; the server may also just close. */
        private void quit() {
            step = "QUIT";
            try {
                socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                in.readLine();
            } catch (IOException e) {
                // the dialog has shown what it had to; a server that drops the connection at QUIT is fine
            }
        }

        private BufferedReader reader() throws IOException {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing a probe's socket: nothing left to report
            }
        }

        /** An operator's sentence for the failure, naming the server and the step that failed. */
        private String describe(IOException e) {
            String server = "SMTP server " + target.server();
            if (e instanceof RefusedException) {
                return e.getMessage();
            }
            if (e instanceof UnknownHostException) {
                return server + " cannot be reached: unknown host " + target.host();
            }
            if (e instanceof SocketTimeoutException) {
                long ms = ("connect".equals(step) ? target.connectTimeout() : target.readTimeout()).toMillis();
                return server + " did not answer within " + ms + " ms (" + step + ")";
            }
            if (e instanceof EOFException) {
                return server + " closed the connection (" + step + ")";
            }
            if (e instanceof SSLException) {
                return "TLS handshake with " + server + " failed: " + e.getMessage();
            }
            if ("connect".equals(step)) {
                return server + " cannot be reached: " + e.getMessage();
            }
            return server + ": " + step + " failed: " + e.getMessage();
        }

        private String shorten(String line) {
            return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
        }
    }

    /** The server answered, but with a reply that means Herald cannot send through it. */
    private static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }
}

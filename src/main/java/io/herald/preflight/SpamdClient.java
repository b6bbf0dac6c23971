package io.herald.preflight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Asks SpamAssassin's spamd for a message's score and matched rules, speaking the SPAMC/1.5 protocol over TCP
 * (what {@code spamc -R} does): one REPORT request per connection, the message as its body, and spamd's answer read
 * to the end (spamd closes the connection). Thread-safe: it keeps no connection.
 */
public final class SpamdClient {

    /** Largest answer read: a report is a few KiB; more means the other end is not spamd. */
    private static final int MAX_REPLY_BYTES = 1 << 20;

    private final String host;
    private final int port;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    public SpamdClient(String host, int port, int connectTimeoutMs, int readTimeoutMs) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** "host:port", for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** spamd's verdict on the message (its bytes as they would go over SMTP, CRLF line ends). */
    public SpamdVerdict check(byte[] message) throws SpamdException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            socket.setSoTimeout(readTimeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(("REPORT SPAMC/1.5\r\nContent-length: " + message.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(message);
            out.flush();
            socket.shutdownOutput();
            return SpamdReply.parse(readAll(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new SpamdException("spamd at " + address() + " did not answer within " + connectTimeoutMs
                    + " ms (connect) / " + readTimeoutMs + " ms (check)", e);
        } catch (IOException e) {
            throw new SpamdException("spamd at " + address() + " cannot be reached: " + e.getMessage(), e);
        } catch (SpamdException e) {
            throw new SpamdException("spamd at " + address() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException, SpamdException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            reply.write(buffer, 0, n);
            if (reply.size() > MAX_REPLY_BYTES) {
                throw new SpamdException("the answer is longer than " + MAX_REPLY_BYTES + " bytes; is it spamd?");
            }
        }
        return reply.toByteArray();
    }
}

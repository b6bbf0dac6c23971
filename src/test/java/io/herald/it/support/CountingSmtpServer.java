package io.herald.it.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP sink for cluster tests and benchmarks: accepts every message (after an optional delay, a remote relay's
 * latency), keeps none, and counts messages per recipient and connections open at once. Plain Java 17, no
 * dependencies, so a bench script runs it as {@code java CountingSmtpServer.java <port> <delayMs>}.
 */
public final class CountingSmtpServer implements AutoCloseable {

    private static final String HOST = "counting-smtp.localhost";
    // RFC 5321 4.5.3.1.4 allows command lines of 512 octets; longer ones are read whole but cut to this
    private static final int MAX_COMMAND = 4096;

    private final ServerSocket listener;
    private final Duration delayPerMessage;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "counting-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** The connections counted open: from their EHLO (or HELO) to their QUIT or close. */
    private final Set<Socket> counted = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, String> unsubscribeHeaders = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean closed;

    private CountingSmtpServer(ServerSocket listener, Duration delayPerMessage) {
        this.listener = listener;
        this.delayPerMessage = delayPerMessage;
    }

    /**
     * Listens on 127.0.0.1:port (0: any free port, see {@link #port()}) and answers each DATA after delayPerMessage
     * (Duration.ZERO: at once). One thread per connection.
     */
    public static CountingSmtpServer start(int port, Duration delayPerMessage) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("127.0.0.1", port), 512);
            CountingSmtpServer server = new CountingSmtpServer(listener, delayPerMessage);
            Thread acceptor = new Thread(server::acceptLoop, "counting-smtp-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Messages accepted per recipient (the RCPT TO address, lower-cased, without angle brackets); a copy. */
    public Map<String, Integer> countsByRecipient() {
        return Map.copyOf(counts);
    }

    /** The List-Unsubscribe header line of the last message accepted for this address (lower-cased), or null. */
    public String listUnsubscribe(String address) {
        return unsubscribeHeaders.get(address.toLowerCase(java.util.Locale.ROOT));
    }

    /** Messages accepted: one per recipient of each transaction whose DATA was answered 250. */
    public long accepted() {
        return accepted.get();
    }

    /** Bytes of message content accepted (after undoing dot-stuffing, line ends included). */
    public long bytesAccepted() {
        return bytes.get();
    }

    /** The most connections that were open at once since the start or the last reset. */
    public int maxConnections() {
        return maxOpen.get();
    }

    /** Connections that said EHLO (or HELO) since the start or the last reset. */
    public int sessions() {
        return sessions.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Forgets the counts; the maximum starts again from the connections open now. */
    public void reset() {
        counts.clear();
        unsubscribeHeaders.clear();
        accepted.set(0);
        bytes.set(0);
        maxOpen.set(open.get());
        sessions.set(open.get());
    }

    /** Stops accepting and drops every open connection; the counts stay readable. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;     // closed
            }
            sockets.add(socket);
            if (closed) {
                forget(socket);
                return;
            }
            try {
                threads.execute(() -> serve(socket));
            } catch (RuntimeException e) {     // rejected: closing
                forget(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            converse(new LineInput(socket.getInputStream()), new BufferedOutputStream(socket.getOutputStream(), 1024),
                    () -> count(socket), () -> uncount(socket));
        } catch (IOException e) {
            // the client went away or close() dropped the connection: nothing to count
        } finally {
            forget(socket);
        }
    }

    private void forget(Socket socket) {
        uncount(socket);
        closeQuietly(socket);
    }

    /**
     * The connection counts as open from its EHLO, not from its accept: a client that sends QUIT without waiting for
     * the 221 (Angus with mail.smtp.quitwait=false) may open its next connection before this server has read that
     * QUIT; by the next connection's EHLO, a round trip later, it has (SmtpConnectionCapIT once saw 3 of a cap of 2
     * when the count was taken at accept).
     */
    private void count(Socket socket) {
        if (counted.add(socket)) {
            sessions.incrementAndGet();
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        }
    }

    /** The connection no longer counts as open (at most once per connection). */
    private void uncount(Socket socket) {
        sockets.remove(socket);
        if (counted.remove(socket)) {
            open.decrementAndGet();
        }
    }

    /** One SMTP session: enough ESMTP for Angus Mail, with PIPELINING (replies flushed when no command is waiting). */
    private void converse(LineInput in, OutputStream out, Runnable greeted, Runnable quitting) throws IOException {
        reply(out, "220 " + HOST + " ESMTP CountingSmtpServer", true);
        List<String> recipients = new ArrayList<>();
        boolean mailFrom = false;
        String line;
        while ((line = in.readCommand()) != null) {
            String upper = line.toUpperCase(Locale.ROOT);
            int space = upper.indexOf(' ');
            String verb = space < 0 ? upper : upper.substring(0, space);
            switch (verb) {
                case "EHLO" -> {
                    greeted.run();
                    reply(out, "250-" + HOST + "\r\n250-8BITMIME\r\n250 PIPELINING", in.idle());
                }
                case "HELO" -> {
                    greeted.run();
                    reply(out, "250 " + HOST, in.idle());
                }
                case "MAIL" -> {
                    if (!upper.startsWith("MAIL FROM:")) {
                        reply(out, "501 5.5.4 Syntax: MAIL FROM:<address>", in.idle());
                    } else {
                        mailFrom = true;
                        recipients.clear();
                        reply(out, "250 2.1.0 Ok", in.idle());
                    }
                }
                case "RCPT" -> {
                    if (!mailFrom) {
                        reply(out, "503 5.5.1 Error: need MAIL command", in.idle());
                    } else if (!upper.startsWith("RCPT TO:")) {
                        reply(out, "501 5.5.4 Syntax: RCPT TO:<address>", in.idle());
                    } else {
                        recipients.add(address(line.substring("RCPT TO:".length())));
                        reply(out, "250 2.1.5 Ok", in.idle());
                    }
                }
                case "DATA" -> {
                    if (recipients.isEmpty()) {
                        reply(out, "503 5.5.1 Error: need RCPT command", in.idle());
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>", true);
                    long size = in.skipData();
                    if (size < 0) {
                        return;     // the connection ended inside DATA: the message is not accepted
                    }
                    pause();
                    if (in.listUnsubscribe != null) {
                        for (String recipient : recipients) {
                            unsubscribeHeaders.put(recipient, in.listUnsubscribe);
                        }
                    }
                    count(recipients, size);     // before the reply: a client that has its 250 finds it counted
                    reply(out, "250 2.0.0 Ok: queued", in.idle());
                    mailFrom = false;
                    recipients.clear();
                }
                case "RSET" -> {
                    mailFrom = false;
                    recipients.clear();
                    reply(out, "250 2.0.0 Ok", in.idle());
                }
                case "NOOP" -> reply(out, "250 2.0.0 Ok", in.idle());
                case "QUIT" -> {
                    // no longer open before the client has its 221: a client that then opens another connection
                    // is never seen with both
                    quitting.run();
                    reply(out, "221 2.0.0 Bye", true);
                    return;
                }
                default -> reply(out, "502 5.5.2 Error: command not recognized", in.idle());
            }
        }
    }

    private void count(List<String> recipients, long size) {
        for (String recipient : recipients) {
            counts.merge(recipient, 1, Integer::sum);
        }
        accepted.addAndGet(recipients.size());
        bytes.addAndGet(size);
    }

    private void pause() throws IOException {
        if (delayPerMessage.isZero()) {
            return;
        }
        try {
            Thread.sleep(delayPerMessage.toMillis());     // the relay's own latency, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("closing");
        }
    }

    /** "<Ann@Example.com> NOTIFY=NEVER" → "ann@example.com". */
    static String address(String argument) {
        String a = argument.trim();
        int lt = a.indexOf('<');
        int gt = a.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            a = a.substring(lt + 1, gt);
        } else {
            int space = a.indexOf(' ');
            a = space < 0 ? a : a.substring(0, space);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String reply, boolean flush) throws IOException {
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        if (flush) {
            out.flush();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /**
     * Buffered line input with CRLF handling (a bare LF ends a line too). Its own buffer rather than
     * BufferedInputStream's synchronized read() per byte: message bodies are scanned byte by byte.
     */
    private static final class LineInput {

        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private final byte[] line = new byte[MAX_COMMAND];
        private int position;
        private int limit;

        LineInput(InputStream in) {
            this.in = in;
        }

        /** True when no further command has arrived yet, so replies written so far must be flushed. */
        boolean idle() throws IOException {
            return position == limit && in.available() == 0;
        }

        /** The next command line, or null at the end of the stream. */
        String readCommand() throws IOException {
            int length = readLine(MAX_COMMAND);
            return length < 0 ? null : new String(line, 0, Math.min(length, MAX_COMMAND), StandardCharsets.UTF_8);
        }

        /** The List-Unsubscribe header line of the last message read by skipData, or null. */
        String listUnsubscribe;

        /** Reads message content up to the line "."; returns its size after undoing dot-stuffing, or -1 at end of stream. */
        long skipData() throws IOException {
            long size = 0;
            listUnsubscribe = null;
            boolean header = true;
            while (true) {
                int length = readLine(header ? MAX_COMMAND : 2);
                if (length < 0) {
                    return -1;
                }
                if (length == 1 && line[0] == '.') {
                    return size;
                }
                if (header) {
                    header = length > 0;
                    String text = new String(line, 0, Math.min(length, MAX_COMMAND), StandardCharsets.US_ASCII);
                    if (text.regionMatches(true, 0, "List-Unsubscribe:", 0, 17)) {
                        listUnsubscribe = text;
                    } else if (listUnsubscribe != null && !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
                        listUnsubscribe += text.trim();          // a folded header line
                    }
                }
                size += (length > 0 && line[0] == '.' ? length - 1 : length) + 2;
            }
        }

        /** Reads one line, keeping its first `keep` bytes in `line`; its length without the line end, -1 at end of stream. */
        private int readLine(int keep) throws IOException {
            int length = 0;
            boolean cr = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return -1;     // a line cut off by the end of the stream is not a line
                    }
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    return cr ? length - 1 : length;
                }
                if (length < keep) {
                    line[length] = b;
                }
                length++;
                cr = b == '\r';
            }
        }
    }

    /** For bench scripts: {@code java CountingSmtpServer.java <port> <delayMs>}; prints its counts every 5 s until killed. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: java CountingSmtpServer.java <port> <delayMs>");
            System.exit(2);
        }
        CountingSmtpServer server = start(Integer.parseInt(args[0]), Duration.ofMillis(Long.parseLong(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        // this program's output, read by the bench scripts
        System.out.println("listening on 127.0.0.1:" + server.port() + " delay_ms=" + args[1]);
        while (true) {
            Thread.sleep(5000);
            System.out.println("accepted=" + server.accepted() + " open=" + server.openConnections()
                    + " max_open=" + server.maxConnections());
        }
    }
}

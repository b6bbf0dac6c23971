package io.herald.signin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A local OAuth2 token endpoint for tests (the JDK's HttpServer): answers each POST with a new access token living
 * {@code lifetimeSeconds}, keeps every request's form, tells a listener each token it issues (GreenMail's password),
 * and can refuse the client (HTTP 401 invalid_client) or be stopped to be down.
 */
public final class TokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final Consumer<String> issued;
    private volatile long lifetimeSeconds;
    private volatile boolean refuse;
    private boolean stopped;

    public TokenEndpoint(int port, long lifetimeSeconds, Consumer<String> issued) {
        this.lifetimeSeconds = lifetimeSeconds;
        this.issued = issued;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/token", this::answer);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Every request's form fields, in order. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public void refuseClient(boolean refuse) {
        this.refuse = refuse;
    }

    public void lifetime(long seconds) {
        this.lifetimeSeconds = seconds;
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(form);
        String answer;
        int status;
        if (refuse) {
            status = 401;
            answer = "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}";
        } else {
            String token = "token-" + UUID.randomUUID();
            issued.accept(token);
            status = 200;
            answer = "{\"token_type\":\"Bearer\",\"expires_in\":" + lifetimeSeconds + ",\"access_token\":\"" + token + "\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening (again: nothing). */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }
}

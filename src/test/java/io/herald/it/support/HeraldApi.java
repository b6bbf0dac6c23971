package io.herald.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Herald's REST API as an operator's script sees it: JSON over HTTP on http://127.0.0.1:8080/herald/api, with HTTP
 * BASIC credentials (by default the test server's herald-admin user, see it-config in pom.xml).
 */
public final class HeraldApi {

    private static final URI BASE = ItPorts.http("/herald/api/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;
    private final URI base;

    /** As the test server's herald-admin user. */
    public HeraldApi() {
        this(System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
    }

    private HeraldApi(String user, String password) {
        this(user, password, BASE);
    }

    private HeraldApi(String user, String password, URI base) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The same API as another user. */
    public static HeraldApi as(String user, String password) {
        return new HeraldApi(user, password);
    }

    /** The API of another node of a cluster, as herald-admin: its HTTP port shifted by portOffset. */
    public static HeraldApi ofNode(int portOffset) {
        return new HeraldApi(System.getProperty("it.admin.user"), System.getProperty("it.admin.password"),
                URI.create("http://127.0.0.1:" + (ItPorts.HTTP + portOffset) + "/herald/api/"));
    }

    /** The API without credentials. */
    public static HeraldApi anonymous() {
        return new HeraldApi(null, null);
    }

    /** As the test server's herald-operator user. */
    public static HeraldApi operator() {
        return as(System.getProperty("it.operator.user"), System.getProperty("it.operator.password"));
    }

    /** An HTTP answer: its status and its JSON body (JsonValue.NULL when there is none). */
    public record Reply(int status, JsonValue body) {

        public JsonObject object() {
            return body.asJsonObject();
        }

        public JsonArray array() {
            return body.asJsonArray();
        }

        public long id() {
            return object().getJsonNumber("id").longValue();
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, JsonStructure json) {
        return post(path, json.toString());
    }

    public Reply put(String path, JsonStructure json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** POST with no body (actions such as /send, /pause, /resume). */
    public Reply post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Opens a server-sent event stream (GET, Accept: text/event-stream) with this user's credentials; its events are
     * read on a thread of the HTTP client as they arrive.
     */
    public EventStream events(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return EventStream.open(HTTP, request.build());
    }

    /** POST that must answer with the given status; returns the reply. */
    public Reply expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            JsonValue json = body == null || body.isBlank() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JsonValue.NULL : Json.createReader(new StringReader(body)).readValue();
            return new Reply(r.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException("Herald did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

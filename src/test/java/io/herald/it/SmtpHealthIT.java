package io.herald.it;

import io.herald.it.support.ItPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint's "smtp" check follows the SMTP server of Herald's mail session: UP while GreenMail answers,
 * DOWN with the reason (and /health/ready with it, /health/live not) while it is gone, UP again once it is back.
 */
class SmtpHealthIT extends HeraldIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int PORT = Integer.getInteger("it.smtp.port", 3025);

    @Test
    void smtpCheckIsDownWhileTheSmtpServerIsGoneAndUpAgainOnceItIsBack() {
        JsonObject up = awaitSmtpCheck("UP");
        JsonObject data = up.getJsonObject("data");
        // the session's host as WildFly names it (HERALD_SMTP_HOST 127.0.0.1 is reported by name, e.g. localhost)
        String server = data.getString("server");
        assertTrue(server.endsWith(":" + PORT), up.toString());
        assertEquals("127.0.0.1", data.getString("address"), up.toString());
        assertEquals("none", data.getString("tls"), up.toString());
        assertTrue(data.getString("greeting").startsWith("220 "), up.toString());
        assertTrue(data.getString("ehlo").startsWith("250"), up.toString());

        smtp.stop();
        try {
            JsonObject down = awaitSmtpCheck("DOWN");
            assertTrue(down.getJsonObject("data").getString("error")
                    .startsWith("SMTP server " + server + " cannot be reached: "), down.toString());
            assertEquals(503, get("/health/ready").statusCode(), "readiness includes the SMTP server");
            assertEquals(200, get("/health/live").statusCode(), "liveness does not: a restart would not help");
        } finally {
            smtp.start();
        }

        JsonObject back = awaitSmtpCheck("UP");
        assertEquals(server, back.getJsonObject("data").getString("server"), back.toString());
        assertEquals(200, get("/health/ready").statusCode());
    }

    /** Polls GET :9990/health until its "smtp" check has the status (results are reused for 5 s). */
    private JsonObject awaitSmtpCheck(String status) {
        return Poll.until(Duration.ofSeconds(30), "the smtp health check to be " + status, () -> {
            HttpResponse<String> r = get("/health");
            JsonObject check = Json.createReader(new StringReader(r.body())).readObject().getJsonArray("checks")
                    .stream().map(JsonValue::asJsonObject).filter(c -> c.getString("name").equals("smtp"))
                    .findFirst().orElseThrow(() -> new AssertionError("no smtp check in " + r.body()));
            return check.getString("status").equals(status) ? check : null;
        });
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(ItPorts.management(path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

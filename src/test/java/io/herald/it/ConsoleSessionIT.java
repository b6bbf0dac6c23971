package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.ItPorts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * GET /session and the CSRF rule of browser sessions, over plain HTTP: a form login's session must send its token
 * on every change, BASIC requests need none, and strangers still get 401 with a BASIC challenge.
 */
class ConsoleSessionIT extends HeraldIT {

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void sessionNamesTheUserTheirRolesAndAToken() {
        JsonObject admin = api.expect(200, api.get("session")).object();
        assertEquals(System.getProperty("it.admin.user"), admin.getString("user"));
        assertEquals("[\"herald-admin\"]", admin.getJsonArray("roles").toString());
        assertTrue(admin.getBoolean("admin"));
        assertTrue(admin.getString("csrfToken").length() >= 40, admin.toString());

        JsonObject operator = api.expect(200, HeraldApi.operator().get("session")).object();
        assertFalse(operator.getBoolean("admin"));
        assertEquals(401, HeraldApi.anonymous().get("session").status());
    }

    @Test
    void aFormLoginSessionMustSendItsCsrfTokenOnChanges() throws Exception {
        long id = campaign(personalisedTemplate(), listOf(1));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(ItPorts.http("/herald/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + System.getProperty("it.admin.user")
                        + "&j_password=" + System.getProperty("it.admin.password"))).build(), HttpResponse.BodyHandlers.ofString());
        assertNotEquals(401, login.statusCode(), login.body());
        String token = json(send("GET", "/herald/api/session", null)).getString("csrfToken");
        URI cancel = ItPorts.http("/herald/api/campaigns/" + id + "/cancel");

        HttpResponse<String> refused = send("POST", cancel.getPath(), null);
        assertEquals(403, refused.statusCode());
        assertEquals("X-CSRF-Token", json(refused).getString("field"));
        assertEquals(403, send("POST", cancel.getPath(), "not the token").statusCode());
        assertEquals("DRAFT", campaignView(id).getString("status"));

        assertEquals(200, send("POST", cancel.getPath(), token).statusCode());
        assertEquals("CANCELLED", campaignView(id).getString("status"));

        assertEquals(204, send("DELETE", "/herald/api/session", token).statusCode());
        String after = send("GET", "/herald/api/session", null).headers().firstValue("Content-Type").orElse("");
        assertFalse(after.contains("json"), "logged out: no session any more, " + after);
    }

    @Test
    void strangersGetABasicChallengeNotTheLoginPage() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                ItPorts.http("/herald/api/campaigns")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals("Basic realm=\"Herald\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(ItPorts.http(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}

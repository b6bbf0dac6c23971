package io.herald.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.herald.it.support.ItPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's security in the browser: the login form and the session cookie, an operator without admin actions
 * (and refused when forcing one), a forged cross-site POST refused, the CSRF token required of a session.
 */
class ConsoleSecurityBrowserIT extends BrowserStory {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void logIn() throws Exception {
        browser.get(CONSOLE);
        await(By.id("username")).sendKeys(ADMIN);
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.id("log-in")).click();
        await(By.id("login-failed"));

        logInAsAdmin();
        assertEquals("admin", browser.findElement(By.cssSelector("#top .role")).getText());
        var cookie = browser.manage().getCookieNamed("JSESSIONID");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(ItPorts.http("/herald/console/login.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                && !policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));

        browser.findElement(By.id("log-out")).click();
        await(By.id("username"));
    }

    @Test
    void operatorSeesNoAdminActions() {
        long id = campaign(personalisedTemplate(), listOf(1));
        logIn(OPERATOR, OPERATOR_PASSWORD);

        var campaigns = new CampaignsPage(this).awaitRow(id);
        assertEquals(List.of("start"), campaigns.actions(id));
        assertFalse(campaigns.offersNewCampaign());
        assertEquals(List.of("start"), new CampaignPage(this, id).actions());

        Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/herald/api/session').then(r => r.json()).then(s => fetch('/herald/api/campaigns/" + id
                + "/cancel', {method: 'POST', headers: {'X-CSRF-Token': s.csrfToken}})).then(r => done(r.status));");
        assertEquals(403L, status, "the server refuses an operator's forced cancel");
        assertEquals("DRAFT", campaignView(id).getString("status"));
    }

    @Test
    void forgedCrossSitePostRefused() throws Exception {
        long id = campaign(personalisedTemplate(), listOf(1));
        logInAsAdmin();
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        String target = ItPorts.http("/herald/api/campaigns/" + id + "/cancel").toString();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><form id=f method=post action='" + target + "'><input name=x value=1>"
                    + "</form><script>document.getElementById('f').submit()</script>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        elsewhere.start();
        try {
            // "localhost" is another site than "127.0.0.1": the page is on another origin, as an attacker's would be
            browser.get("http://localhost:" + elsewhere.getAddress().getPort() + "/");
            wait.until(ExpectedConditions.urlContains("/cancel"));
        } finally {
            elsewhere.stop(0);
        }
        assertEquals("DRAFT", campaignView(id).getString("status"), "the forged POST changed nothing");

        HttpResponse<String> noToken = post(target, session, Map.of());
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("missing or wrong CSRF token"), noToken.body());
        assertEquals(403, post(target, session, Map.of("X-CSRF-Token", "guessed")).statusCode());
        assertEquals("DRAFT", campaignView(id).getString("status"));
    }

    /** A POST with the browser's session cookie (as a forger who had it would send), and these headers. */
    private static HttpResponse<String> post(String url, String session, Map<String, String> headers) throws IOException,
            InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", "JSESSIONID=" + session)
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

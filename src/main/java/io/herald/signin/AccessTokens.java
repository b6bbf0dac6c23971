package io.herald.signin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The default account's OAuth2 access token: fetched from the token endpoint when first needed, kept until shortly
 * before it expires (a fifth of its lifetime, at most a minute), then fetched again; shared by every SMTP connection
 * of this node, so a campaign makes one request per token lifetime. Thread-safe. Nothing it logs or throws holds the
 * client secret, the assertion or a token.
 */
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_MARGIN = Duration.ofMinutes(1);

    private final OAuth2Settings settings;
    private final String mailbox;
    private final Clock clock;
    private final ServiceAccountAssertion assertion;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private Token current;

    private record Token(String value, Instant renewAt) {
    }

    public AccessTokens(OAuth2Settings settings, String mailbox, Clock clock) {
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("HERALD_SMTP_USER (the mailbox to sign in as) is required with HERALD_SMTP_OAUTH2");
        }
        this.settings = settings;
        this.mailbox = mailbox;
        this.clock = clock;
        this.assertion = settings.provider() == OAuth2Settings.Provider.GOOGLE
                ? ServiceAccountAssertion.fromKeyFile(settings.keyFile()) : null;
    }

    /** The mailbox signed in as. */
    public String mailbox() {
        return mailbox;
    }

    /** A token that is not due for renewal, fetched if there is none. */
    public synchronized String token() {
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            current = fetch();
        }
        return current.value();
    }

    /**
     * The SMTP server refused this token (535): a new one, unless another connection already renewed it (then that
     * one).
     */
    public synchronized String refresh(String refused) {
        if (current == null || current.value().equals(refused)) {
            current = fetch();
        }
        return current.value();
    }

    /** Whether a connection signed in with this token should sign in again: it is no longer the current one or due. */
    public synchronized boolean due(String token) {
        return current == null || !current.value().equals(token) || !clock.instant().isBefore(current.renewAt());
    }

    private Token fetch() {
        URI endpoint = endpoint();
        Instant now = clock.instant();
        Map<String, String> form = new LinkedHashMap<>();
        if (assertion != null) {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put("assertion", assertion.sign(mailbox, settings.scope(), endpoint, now));
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
            form.put("scope", settings.scope());
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailableException("token endpoint " + endpoint + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while asking token endpoint " + endpoint, e);
        }
        int status = response.statusCode();
        if (status == 400 || status == 401) {
            throw new TokenRefusedException("token endpoint " + endpoint + " refused Herald's client (HTTP " + status
                    + "): " + error(response.body()));
        }
        if (status != 200) {
            throw new TokenUnavailableException("token endpoint " + endpoint + " answered HTTP " + status, null);
        }
        JsonObject answer;
        try {
            answer = Json.createReader(new StringReader(response.body())).readObject();
        } catch (RuntimeException e) {
            throw new TokenUnavailableException("token endpoint " + endpoint + " answered 200 without a JSON object", e);
        }
        String token = answer.getString("access_token", null);
        if (token == null || token.isBlank()) {
            throw new TokenUnavailableException("token endpoint " + endpoint + " answered 200 without access_token", null);
        }
        long seconds = answer.containsKey("expires_in") ? lifetime(answer) : 3600;
        Duration lifetime = Duration.ofSeconds(Math.max(1, seconds));
        Duration margin = lifetime.dividedBy(5).compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : lifetime.dividedBy(5);
        LOG.infof("OAuth2 access token for %s from %s: valid %d s, renewed after %d s", mailbox, endpoint,
                lifetime.toSeconds(), lifetime.minus(margin).toSeconds());
        return new Token(token, now.plus(lifetime).minus(margin));
    }

    private URI endpoint() {
        return settings.tokenUrl() != null ? settings.tokenUrl() : assertion.tokenUri();
    }

    /** expires_in as a number or a string (both are seen). */
    private static long lifetime(JsonObject answer) {
        var v = answer.get("expires_in");
        try {
            return v.getValueType() == JsonValue.ValueType.NUMBER
                    ? answer.getJsonNumber("expires_in").longValue() : Long.parseLong(answer.getString("expires_in"));
        } catch (RuntimeException e) {
            return 3600;
        }
    }

    /** The OAuth2 error and its description, cut short; the body is the endpoint's, never Herald's request. */
    private static String error(String body) {
        try {
            JsonObject o = Json.createReader(new StringReader(body)).readObject();
            String error = o.getString("error", "no error code");
            String description = o.getString("error_description", "");
            String text = description.isEmpty() ? error : error + ": " + description;
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        } catch (RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }
    }
}

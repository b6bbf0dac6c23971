package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.deliverability.CampaignRecipient;
import io.herald.deliverability.UnsubscribeToken;
import io.herald.it.support.ItPorts;
import io.herald.it.support.ServerProcess;
import io.herald.signin.TokenEndpoint;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every secret read from a WildFly Elytron credential store, as the README's "Secrets in a credential store" shows: a
 * server (its own, on a copy of the test's configuration) started with none of them in its environment gets
 * wildfly-config/configure-credential-store.cli; each secret is encrypted with the store's key into a
 * ${ENC::herald:…} expression written where its ${env.…} was, and after a reload Herald uses it. A campaign proves
 * three at once: GreenMail, which checks the SMTP password, receives it; its messages carry a DKIM signature made with
 * the encrypted key (so the key password decrypted it) that verifies with the public key; their unsubscribe tokens
 * verify with the unsubscribe secret. Then OAuth2 sign-in is turned on and, after a stop and a start (a cold boot
 * resolves the expressions as a reload does), a second campaign fetches its token with the client secret, which the
 * local token endpoint records, and its message is signed as the first. Neither standalone.xml, the console log,
 * server.log, the OpenAPI document nor an API answer holds any of the four in clear.
 */
class CredentialStoreIT extends HeraldIT {

    private static final String MAILBOX = "store@herald.example";
    private static final String SMTP_PASSWORD = "store-s3cret-" + UUID.randomUUID();
    private static final String CLIENT_SECRET = "client-s3cret-" + UUID.randomUUID();
    private static final String UNSUBSCRIBE_SECRET = "unsubscribe-s3cret-" + UUID.randomUUID();
    private static final String KEY_PASSWORD = "dkim-key-s3cret-" + UUID.randomUUID();
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{ENC::herald:[^}\"]+}");
    private static final Pattern TOKEN = Pattern.compile("/herald/u/([A-Za-z0-9._~-]+)>");

    private final String dataDir = System.getProperty("it.data.dir") + "-store";
    private final Path configDir = Path.of(dataDir + "-configuration");
    private final ServerProcess server = new ServerProcess(dataDir, 0, "node-store")
            .env("HERALD_SMTP_USER", MAILBOX)
            .env("HERALD_SMTP_PASSWORD", null)
            .env("HERALD_SMTP_OAUTH2", null)
            .env("HERALD_SMTP_OAUTH2_CLIENT_SECRET", null)
            .env("HERALD_UNSUBSCRIBE_SECRET", null)
            .env("HERALD_DKIM_DOMAIN", null)
            .env("HERALD_DKIM_SELECTOR", null)
            .env("HERALD_DKIM_KEY_FILE", null)
            .env("HERALD_DKIM_KEY_PASSWORD", null);
    private TokenEndpoint endpoint;

    @AfterEach
    void stop() {
        server.close();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void everySecretComesFromTheCredentialStoreAndNoneIsInClear() throws Exception {
        server.ownConfiguration(configDir);
        Path dkimKey = encryptedDkimKey();
        smtp.account(MAILBOX, SMTP_PASSWORD);
        server.start();
        server.cliFile(Path.of("wildfly-config/configure-credential-store.cli"));
        server.cli("reload");
        server.awaitReady();
        Map<String, String> expressions = encrypt(SMTP_PASSWORD, CLIENT_SECRET, UNSUBSCRIBE_SECRET, KEY_PASSWORD);

        server.cli(mapPut("herald.smtp.password", expressions.get(SMTP_PASSWORD)),
                property("herald.unsubscribe.secret", expressions.get(UNSUBSCRIBE_SECRET)),
                property("herald.dkim.domain", "herald.example"),
                property("herald.dkim.selector", "it"),
                property("herald.dkim.key-file", dkimKey.toString()),
                property("herald.dkim.key-password", expressions.get(KEY_PASSWORD)),
                "reload");
        server.awaitReady();
        int n = 10;
        long campaign = campaign(personalisedTemplate(), listOf(n));
        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign), "signed in with the password from the store");
        assertSignedWithTheStoresKeys(campaign, received(address(0)));
        JsonObject secrets = api.expect(200, api.get("admin/secrets")).object();
        assertTrue(secrets.getBoolean("configured"), secrets.toString());

        // OAuth2, and a stop and a start rather than a reload: the expressions resolve when the server boots afresh
        endpoint = new TokenEndpoint(0, 3600, token -> smtp.account(MAILBOX, token));
        server.cli(property("herald.smtp.oauth2", "microsoft"),
                property("herald.smtp.oauth2.token-url", endpoint.url().toString()),
                property("herald.smtp.oauth2.client-id", "herald-client"),
                property("herald.smtp.oauth2.client-secret", expressions.get(CLIENT_SECRET)));
        server.close();
        server.start();
        long oauth2 = campaign(personalisedTemplate(), listOf(1));
        send(oauth2);
        awaitStatus(oauth2, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(Map.of("SENT", 1L), db.deliveryCounts(oauth2), "signed in with a token");
        assertEquals(CLIENT_SECRET, endpoint.requests().get(0).get("client_secret"),
                "the token was fetched with the client secret from the store");
        assertSignedWithTheStoresKeys(oauth2, smtp.received().stream()
                .filter(m -> DkimIT.header(m, "Feedback-ID").startsWith(oauth2 + ":")).findFirst().orElseThrow());

        String configuration = Files.readString(configDir.resolve("standalone.xml"));
        String serverLog = server.serverLog();
        assertTrue(serverLog.contains("WFLYSRV0025"), "server.log is the one this server wrote");
        List<String> answers = List.of(api.get("admin/secrets").body().toString(), openApiDocument());
        Map<String, String> names = Map.of(SMTP_PASSWORD, "the SMTP password", CLIENT_SECRET, "the client secret",
                UNSUBSCRIBE_SECRET, "the unsubscribe secret", KEY_PASSWORD, "the DKIM key password");
        for (String secret : expressions.keySet()) {
            String name = names.get(secret);
            assertTrue(configuration.contains(expressions.get(secret)), "the configuration holds " + name + "'s expression");
            assertFalse(configuration.contains(secret), "the configuration holds " + name);
            assertFalse(server.consoleLog().contains(secret), "the console log holds " + name);
            assertFalse(serverLog.contains(secret), "server.log holds " + name);
            answers.forEach(answer -> assertFalse(answer.contains(secret), "an API answer holds " + name));
        }
    }

    /**
     * The message carries a DKIM signature made with the encrypted key (so the key password from the store decrypted
     * it) and an unsubscribe token signed with the unsubscribe secret from the store.
     */
    private static void assertSignedWithTheStoresKeys(long campaign, MimeMessage message) throws Exception {
        List<SignatureRecord> signatures = DkimIT.verify(DkimIT.raw(message));
        assertEquals("herald.example", signatures.get(0).getDToken().toString(), "signed with the decrypted key");
        assertEquals(Optional.of(campaign), signedBy(UNSUBSCRIBE_SECRET, message).map(CampaignRecipient::campaignId),
                "the unsubscribe link is signed with the secret from the store");
    }

    /** The build's DKIM key (DkimIT's) encrypted with KEY_PASSWORD as the README shows, beside the configuration. */
    private Path encryptedDkimKey() throws IOException, InterruptedException {
        Path encrypted = configDir.resolve("dkim-it-encrypted.pem");
        ProcessBuilder openssl = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc",
                "-in", configDir.resolve("dkim-it.pem").toString(), "-out", encrypted.toString(),
                "-passout", "env:KEY_PASSWORD").redirectErrorStream(true);
        openssl.environment().put("KEY_PASSWORD", KEY_PASSWORD);
        Process process = openssl.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, "openssl pkcs8: " + output);
        return encrypted;
    }

    /** Each secret's ${ENC::herald:…} expression, made by the server with the store's key (the README's command). */
    private Map<String, String> encrypt(String... secrets) {
        List<String> commands = new ArrayList<>();
        for (String secret : secrets) {
            commands.add("/subsystem=elytron/expression=encryption:create-expression(resolver=herald, clear-text=\""
                    + secret + "\")");
        }
        String output = server.cli(commands.toArray(String[]::new));
        Matcher expression = EXPRESSION.matcher(output);
        Map<String, String> expressions = new LinkedHashMap<>();
        for (String secret : secrets) {
            assertTrue(expression.find(), output);
            expressions.put(secret, expression.group());
        }
        return expressions;
    }

    private static String property(String name, String value) {
        return "/system-property=" + name + ":write-attribute(name=value, value=\"" + value + "\")";
    }

    private static String mapPut(String mailSessionProperty, String value) {
        return "/subsystem=mail/mail-session=herald/custom=smtp:map-put(name=properties, key=" + mailSessionProperty
                + ", value=\"" + value + "\")";
    }

    /** Whom the message's unsubscribe token names, if the token was signed with this secret. */
    private static Optional<CampaignRecipient> signedBy(String secret, MimeMessage message) throws Exception {
        String header = message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", "");
        Matcher token = TOKEN.matcher(header);
        assertTrue(token.find(), header);
        return new UnsubscribeToken(secret.getBytes(StandardCharsets.UTF_8)).verify(token.group(1));
    }

    private static String openApiDocument() throws IOException, InterruptedException {
        HttpResponse<String> document = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(ItPorts.http("/openapi?format=JSON")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode());
        return document.body();
    }
}

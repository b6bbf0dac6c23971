package io.herald.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.MovableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Google path: a service account's JSON key file, the JWT bearer grant sent to the key's token_uri, and the
 * assertion checked as Google would: RS256 with the service account's public key, its claims, audience and expiry.
 */
class ServiceAccountAssertionTest {

    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final TokenEndpoint endpoint = new TokenEndpoint(0, 3600, issued::add);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void theTokenRequestCarriesAnAssertionSignedWithTheServiceAccountsKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path keyFile = keyFile(keys, endpoint.url().toString());
        AccessTokens tokens = new AccessTokens(new OAuth2Settings(OAuth2Settings.Provider.GOOGLE, null, null, null,
                OAuth2Settings.GOOGLE_SCOPE, keyFile), "news@herald.example", clock);

        String token = tokens.token();

        assertEquals(List.of(token), issued);
        var form = endpoint.requests().get(0);
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        String[] jwt = form.get("assertion").split("\\.");
        assertEquals(3, jwt.length);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt[2])), "signed with the service account's key");
        JsonObject header = json(jwt[0]);
        assertEquals("RS256", header.getString("alg"));
        JsonObject claims = json(jwt[1]);
        assertEquals("herald-sender@project.iam.gserviceaccount.com", claims.getString("iss"));
        assertEquals("news@herald.example", claims.getString("sub"), "the mailbox it impersonates");
        assertEquals("https://mail.google.com/", claims.getString("scope"));
        assertEquals(endpoint.url().toString(), claims.getString("aud"));
        assertEquals(clock.instant().getEpochSecond(), claims.getJsonNumber("iat").longValue());
        assertEquals(clock.instant().getEpochSecond() + 3600, claims.getJsonNumber("exp").longValue());
    }

    @Test
    void aKeyFileThatIsNotAServiceAccountKeyIsRefusedNamingTheVariable() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("key.json"), "{\"type\":\"authorized_user\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceAccountAssertion.fromKeyFile(notAKey));
        assertTrue(e.getMessage().contains("HERALD_SMTP_OAUTH2_KEY_FILE"), e.getMessage());
        assertTrue(e.getMessage().contains("client_email, private_key or token_uri"), e.getMessage());
    }

    private Path keyFile(KeyPair keys, String tokenUri) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(dir.resolve("service-account.json"), Json.createObjectBuilder()
                .add("type", "service_account")
                .add("client_email", "herald-sender@project.iam.gserviceaccount.com")
                .add("private_key", pem)
                .add("token_uri", tokenUri)
                .build().toString());
    }

    private static JsonObject json(String part) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))
                .readObject();
    }
}

package io.herald.signin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed JWT a Google Workspace service account presents to its token endpoint (RFC 7523, the JWT bearer grant):
 * issued by the service account (client_email of its JSON key file), for the mailbox it impersonates (sub, the
 * domain-wide delegation), with the scope, the token endpoint as audience and an hour's lifetime, signed RS256 with
 * the key file's private key.
 */
public final class ServiceAccountAssertion {

    static final Duration LIFETIME = Duration.ofHours(1);

    private final String clientEmail;
    private final URI tokenUri;
    private final PrivateKey key;

    private ServiceAccountAssertion(String clientEmail, URI tokenUri, PrivateKey key) {
        this.clientEmail = clientEmail;
        this.tokenUri = tokenUri;
        this.key = key;
    }

    /** Reads a service account's JSON key file (client_email, private_key, token_uri); the error names what is wrong. */
    public static ServiceAccountAssertion fromKeyFile(Path file) {
        JsonObject json;
        try {
            json = Json.createReader(new StringReader(Files.readString(file))).readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("HERALD_SMTP_OAUTH2_KEY_FILE " + file + " is not a readable JSON key file: "
                    + e.getClass().getSimpleName());
        }
        String email = json.getString("client_email", null);
        String pem = json.getString("private_key", null);
        String uri = json.getString("token_uri", null);
        if (email == null || pem == null || uri == null) {
            throw new IllegalArgumentException("HERALD_SMTP_OAUTH2_KEY_FILE " + file
                    + " lacks client_email, private_key or token_uri: is it a service account's JSON key?");
        }
        try {
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new ServiceAccountAssertion(email, URI.create(uri), key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("HERALD_SMTP_OAUTH2_KEY_FILE " + file
                    + ": private_key is not an RSA key in PKCS#8 PEM");
        }
    }

    public URI tokenUri() {
        return tokenUri;
    }

    /** header.claims.signature, base64url without padding. */
    public String sign(String mailbox, String scope, URI audience, Instant now) {
        String header = json(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build());
        String claims = json(Json.createObjectBuilder()
                .add("iss", clientEmail)
                .add("sub", mailbox)
                .add("scope", scope)
                .add("aud", audience.toString())
                .add("iat", now.getEpochSecond())
                .add("exp", now.plus(LIFETIME).getEpochSecond())
                .build());
        String signed = header + "." + claims;
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the service account's assertion failed: " + e.getMessage(), e);
        }
    }

    private static String json(JsonObject o) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }
}

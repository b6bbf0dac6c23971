package io.herald.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import io.herald.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client-credentials grant against a local token endpoint: the request, the cache, renewal and the errors. */
class AccessTokensTest {

    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final TokenEndpoint endpoint = new TokenEndpoint(0, 3600, issued::add);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final OAuth2Settings microsoft = new OAuth2Settings(OAuth2Settings.Provider.MICROSOFT, endpoint.url(),
            "client-1", "s3cret&=", OAuth2Settings.MICROSOFT_SCOPE, null);

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void oneRequestPerTokenLifetimeWithTheClientsCredentials() {
        AccessTokens tokens = new AccessTokens(microsoft, "news@herald.example", clock);
        String first = tokens.token();
        for (int i = 0; i < 100; i++) {
            assertEquals(first, tokens.token());
        }
        assertEquals(1, endpoint.requests().size());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "client-1", "client_secret", "s3cret&=",
                "scope", "https://outlook.office365.com/.default"), endpoint.requests().get(0));
        assertEquals(List.of(first), issued);
        assertFalse(tokens.due(first));

        clock.move(Duration.ofMinutes(58).plusSeconds(59));        // a minute before it expires: still used
        assertEquals(first, tokens.token());
        clock.move(Duration.ofSeconds(2));                          // less than a minute left: renewed
        assertTrue(tokens.due(first));
        String second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(2, endpoint.requests().size());
    }

    @Test
    void aShortLivedTokenIsRenewedAfterFourFifthsOfItsLife() {
        endpoint.lifetime(5);
        AccessTokens tokens = new AccessTokens(microsoft, "news@herald.example", clock);
        String first = tokens.token();
        clock.move(Duration.ofMillis(3900));
        assertEquals(first, tokens.token());
        clock.move(Duration.ofMillis(200));
        assertNotEquals(first, tokens.token());
    }

    @Test
    void aRefusedTokenIsRenewedOnceEvenByTwoConnections() {
        AccessTokens tokens = new AccessTokens(microsoft, "news@herald.example", clock);
        String first = tokens.token();
        String renewed = tokens.refresh(first);
        assertEquals(renewed, tokens.refresh(first), "the second connection gets the token the first renewed");
        assertEquals(2, endpoint.requests().size());
    }

    @Test
    void aRefusedClientIsTokenRefusedWithTheEndpointsReasonAndNoSecret() {
        endpoint.refuseClient(true);
        AccessTokens tokens = new AccessTokens(microsoft, "news@herald.example", clock);
        TokenRefusedException e = assertThrows(TokenRefusedException.class, tokens::token);
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_client: AADSTS7000215: Invalid client secret provided."), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void anEndpointThatIsDownIsUnavailable() {
        URI down = endpoint.url();
        endpoint.close();
        AccessTokens tokens = new AccessTokens(new OAuth2Settings(OAuth2Settings.Provider.MICROSOFT, down, "client-1",
                "s3cret", OAuth2Settings.MICROSOFT_SCOPE, null), "news@herald.example", clock);
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class, tokens::token);
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void theMailboxIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccessTokens(microsoft, " ", clock));
        assertTrue(e.getMessage().contains("HERALD_SMTP_USER"), e.getMessage());
    }
}

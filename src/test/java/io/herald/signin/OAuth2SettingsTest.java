package io.herald.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A sending account's OAuth2 settings, read from its mail session's properties; a missing one is named as its key. */
class OAuth2SettingsTest {

    @Test
    void anAccountsMicrosoftSettingsComeFromItsSession() {
        Properties p = new Properties();
        p.put("herald.smtp.oauth2", "microsoft");
        p.put("herald.smtp.oauth2.token-url", "https://login.microsoftonline.com/t-1/oauth2/v2.0/token");
        p.put("herald.smtp.oauth2.client-id", "c-1");
        p.put("herald.smtp.oauth2.client-secret", "s3cret");
        p.put("herald.smtp.oauth2.scope", "");
        OAuth2Settings s = OAuth2Settings.fromAccount("m365", p);
        assertEquals(OAuth2Settings.Provider.MICROSOFT, s.provider());
        assertEquals(URI.create("https://login.microsoftonline.com/t-1/oauth2/v2.0/token"), s.tokenUrl());
        assertEquals("c-1", s.clientId());
        assertEquals(OAuth2Settings.MICROSOFT_SCOPE, s.scope(), "an empty scope is the provider's");
        assertFalse(s.toString().contains("s3cret"));
    }

    @Test
    void noneOrNothingIsNoOAuth2() {
        Properties p = new Properties();
        assertFalse(OAuth2Settings.fromAccount("bulk", p).enabled());
        p.put("herald.smtp.oauth2", "none");
        assertFalse(OAuth2Settings.fromAccount("bulk", p).enabled());
    }

    @Test
    void whatIsMissingOrWrongIsNamedAsTheAccountsKey() {
        Properties p = new Properties();
        p.put("herald.smtp.oauth2", "microsoft");
        p.put("herald.smtp.oauth2.token-url", "https://login.example/token");
        p.put("herald.smtp.oauth2.client-id", "c-1");
        assertEquals("sending account m365: account.oauth2-client-secret-variable is required with account.oauth2",
                assertThrows(IllegalArgumentException.class,
                () -> OAuth2Settings.fromAccount("m365", p)).getMessage());
        p.put("herald.smtp.oauth2.token-url", "ftp://x");
        p.put("herald.smtp.oauth2.client-secret", "s");
        assertEquals("sending account m365: account.oauth2-token-url 'ftp://x' is not an http(s) URL",
                assertThrows(IllegalArgumentException.class, () -> OAuth2Settings.fromAccount("m365", p)).getMessage());
        p.put("herald.smtp.oauth2", "yahoo");
        assertEquals("sending account m365: account.oauth2 must be none, microsoft or google, not 'yahoo'",
                assertThrows(IllegalArgumentException.class, () -> OAuth2Settings.fromAccount("m365", p)).getMessage());
    }
}

package io.herald.signin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How Herald signs in to the default account's SMTP server with OAuth2 (SASL XOAUTH2), from the system properties
 * that wildfly-config/configure-oauth2.cli sets from HERALD_SMTP_OAUTH2_*: not at all (a password, or no sign-in),
 * Microsoft 365's client-credentials grant, or a Google Workspace service account's JWT bearer grant (RFC 7523)
 * impersonating the mailbox. The mailbox signed in as is HERALD_SMTP_USER.
 */
public record OAuth2Settings(Provider provider, URI tokenUrl, String clientId, String clientSecret, String scope,
                             Path keyFile) {

    /** Who issues the tokens. */
    public enum Provider { NONE, MICROSOFT, GOOGLE }

    public static final String MICROSOFT_SCOPE = "https://outlook.office365.com/.default";
    public static final String GOOGLE_SCOPE = "https://mail.google.com/";

    public static OAuth2Settings none() {
        return new OAuth2Settings(Provider.NONE, null, null, null, null, null);
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** Reads and checks the settings; a missing or bad one is an IllegalArgumentException naming its variable. */
    public static OAuth2Settings fromSystemProperties() {
        String kind = text("herald.smtp.oauth2");
        if (kind == null || kind.equalsIgnoreCase("none")) {
            return none();
        }
        Provider provider;
        try {
            provider = Provider.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HERALD_SMTP_OAUTH2 must be none, microsoft or google, not '" + kind + "'");
        }
        String url = text("herald.smtp.oauth2.token-url");
        String scope = text("herald.smtp.oauth2.scope");
        if (provider == Provider.MICROSOFT) {
            return new OAuth2Settings(provider, uri(required(url, "HERALD_SMTP_OAUTH2_TOKEN_URL")),
                    required(text("herald.smtp.oauth2.client-id"), "HERALD_SMTP_OAUTH2_CLIENT_ID"),
                    required(text("herald.smtp.oauth2.client-secret"), "HERALD_SMTP_OAUTH2_CLIENT_SECRET"),
                    scope == null ? MICROSOFT_SCOPE : scope, null);
        }
        return new OAuth2Settings(provider, url == null ? null : uri(url), null, null,
                scope == null ? GOOGLE_SCOPE : scope,
                Path.of(required(text("herald.smtp.oauth2.key-file"), "HERALD_SMTP_OAUTH2_KEY_FILE")));
    }

    private static URI uri(String text) {
        try {
            URI u = URI.create(text.trim());
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HERALD_SMTP_OAUTH2_TOKEN_URL '" + text + "' is not an http(s) URL");
        }
    }

    private static String required(String value, String variable) {
        if (value == null) {
            throw new IllegalArgumentException(variable + " is required with HERALD_SMTP_OAUTH2");
        }
        return value;
    }

    private static String text(String property) {
        String v = System.getProperty(property);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Never the client secret. */
    @Override
    public String toString() {
        return "OAuth2Settings[" + provider + ", " + tokenUrl + ", client " + clientId + ", scope " + scope + "]";
    }
}

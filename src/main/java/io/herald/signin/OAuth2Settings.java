package io.herald.signin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * How Herald signs in to a sending account's SMTP server with OAuth2 (SASL XOAUTH2), the default account's from the
 * system properties configure-mail.cli sets from HERALD_SMTP_OAUTH2_*, another's from its mail session (see
 * account/SendingAccount): not at all (a password, or no sign-in),
 * Microsoft 365's client-credentials grant, or a Google Workspace service account's JWT bearer grant (RFC 7523)
 * impersonating the mailbox. The mailbox signed in as is the account's user (HERALD_SMTP_USER for the default).
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

    /**
     * The default account's settings, from the system properties configure-mail.cli sets from HERALD_SMTP_OAUTH2*; a
     * missing or bad one is an IllegalArgumentException naming its variable.
     */
    public static OAuth2Settings fromSystemProperties() {
        return read(suffix -> System.getProperty("herald.smtp.oauth2" + suffix), "",
                suffix -> "HERALD_SMTP_OAUTH2" + suffix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    /**
     * A sending account's settings, from its mail session's properties (add-sending-account.cli writes them from the
     * account.oauth2* keys); a missing or bad one is an IllegalArgumentException naming the key and the account.
     */
    public static OAuth2Settings fromAccount(String account, Properties session) {
        return read(suffix -> session.getProperty("herald.smtp.oauth2" + suffix), "sending account " + account + ": ",
                suffix -> "account.oauth2" + suffix.replace('.', '-').replace("client-secret", "client-secret-variable"));
    }

    /**
     * Reads the settings by property suffix ("", ".token-url", ".client-id", ".client-secret", ".key-file", ".scope");
     * name says what an operator calls the setting of that suffix, and where whose settings they are (a prefix of
     * each message).
     */
    private static OAuth2Settings read(Function<String, String> property, String where, Function<String, String> name) {
        String kind = text(property.apply(""));
        if (kind == null || kind.equalsIgnoreCase("none")) {
            return none();
        }
        Provider provider;
        try {
            provider = Provider.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + name.apply("") + " must be none, microsoft or google, not '" + kind + "'");
        }
        String url = text(property.apply(".token-url"));
        String scope = text(property.apply(".scope"));
        String urlName = name.apply(".token-url");
        if (provider == Provider.MICROSOFT) {
            return new OAuth2Settings(provider, uri(required(url, urlName, where, name), where + urlName),
                    required(text(property.apply(".client-id")), name.apply(".client-id"), where, name),
                    required(text(property.apply(".client-secret")), name.apply(".client-secret"), where, name),
                    scope == null ? MICROSOFT_SCOPE : scope, null);
        }
        return new OAuth2Settings(provider, url == null ? null : uri(url, where + urlName), null, null,
                scope == null ? GOOGLE_SCOPE : scope,
                Path.of(required(text(property.apply(".key-file")), name.apply(".key-file"), where, name)));
    }

    private static URI uri(String text, String name) {
        try {
            URI u = URI.create(text.trim());
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not an http(s) URL");
        }
    }

    private static String required(String value, String setting, String where, Function<String, String> name) {
        if (value == null) {
            throw new IllegalArgumentException(where + setting + " is required with " + name.apply(""));
        }
        return value;
    }

    private static String text(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Never the client secret. */
    @Override
    public String toString() {
        return "OAuth2Settings[" + provider + ", " + tokenUrl + ", client " + clientId + ", scope " + scope + "]";
    }
}

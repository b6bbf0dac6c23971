package io.herald.account;

import io.herald.health.AccountHealth;

/**
 * One sending account as GET /accounts shows it: its name (what a campaign's "account" and "fallbackAccount" name),
 * whether it is the default, its JNDI name, server, TLS mode (none, starttls, ssl), sign-in method (none, password,
 * oauth2-microsoft, oauth2-google) and mailbox, and the latest probe of its server. Never a secret.
 */
public record AccountView(String name, boolean isDefault, String jndiName, String host, int port, String tls,
                          String signIn, String mailbox, AccountHealth health) {

    static AccountView of(SendingAccount a, AccountHealth health) {
        var target = a.target();
        return new AccountView(a.name(), a.isDefault(), a.jndiName(), target.host(), target.port(), target.tls().label(),
                a.signIn(), a.mailbox(), health);
    }
}

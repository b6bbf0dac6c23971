package io.herald.account;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import org.jboss.logging.Logger;

/**
 * The sending accounts of this server, read once from JNDI: "default" (java:jboss/mail/herald) first, then every mail
 * session bound under java:jboss/mail/herald-accounts (add-sending-account.cli) by name. The server's configuration
 * changes only with a reload, which deploys Herald again.
 */
@ApplicationScoped
public class SendingAccounts {

    public static final String DEFAULT = "default";
    static final String CONTEXT = "java:jboss/mail/herald-accounts";
    /** What add-sending-account.cli accepts as a name (it is part of resource names). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** How often a campaign on its fallback tries its own account again (HERALD_SMTP_FALLBACK_RETRY_SECONDS). */
    static final Duration FALLBACK_RETRY = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(SendingAccounts.class);

    @Resource(lookup = "java:jboss/mail/herald")
    Session defaultSession;

    private volatile Map<String, SendingAccount> accounts;

    /** The accounts given, without reading JNDI (tools and tests outside the server). */
    public static SendingAccounts of(SendingAccount... given) {
        SendingAccounts a = new SendingAccounts();
        Map<String, SendingAccount> byName = new LinkedHashMap<>();
        for (SendingAccount account : given) {
            byName.put(account.name(), account);
        }
        a.accounts = Collections.unmodifiableMap(byName);
        return a;
    }

    /** Every account, the default first, then by name. */
    public Collection<SendingAccount> all() {
        return accounts().values();
    }

    public Optional<SendingAccount> find(String name) {
        return Optional.ofNullable(name == null ? null : accounts().get(name));
    }

    /** The named account; one this server does not have (removed since a campaign chose it) is IllegalArgumentException. */
    public SendingAccount get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("sending account \"" + name
                + "\" does not exist on this server (it has " + String.join(", ", names()) + ")"));
    }

    public List<String> names() {
        return List.copyOf(accounts().keySet());
    }

    /** How long a campaign sending through its fallback waits before it tries its own account again. */
    public Duration fallbackRetry() {
        String seconds = System.getProperty("herald.smtp.fallback-retry-seconds");
        if (seconds == null || seconds.isBlank()) {
            return FALLBACK_RETRY;
        }
        try {
            long s = Long.parseLong(seconds.trim());
            if (s >= 1) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warnf("HERALD_SMTP_FALLBACK_RETRY_SECONDS must be a whole number of seconds, at least 1, not '%s'; using %d",
                seconds, FALLBACK_RETRY.toSeconds());
        return FALLBACK_RETRY;
    }

    private Map<String, SendingAccount> accounts() {
        Map<String, SendingAccount> a = accounts;
        if (a == null) {
            a = load();
            accounts = a;
        }
        return a;
    }

    private Map<String, SendingAccount> load() {
        Map<String, SendingAccount> found = new LinkedHashMap<>();
        found.put(DEFAULT, new SendingAccount(DEFAULT, "java:jboss/mail/herald", defaultSession));
        try {
            InitialContext jndi = new InitialContext();
            List<String> names = new ArrayList<>();
            try {
                NamingEnumeration<NameClassPair> bound = jndi.list(CONTEXT);
                while (bound.hasMore()) {
                    names.add(bound.next().getName());
                }
            } catch (NameNotFoundException none) {
                // no account beside the default
            }
            Collections.sort(names);
            for (String name : names) {
                String jndiName = CONTEXT + "/" + name;
                if (DEFAULT.equals(name) || !NAME.matcher(name).matches()) {
                    LOG.warnf("mail session %s is not used: a sending account's name is letters, digits, '-' and '_',"
                            + " and not \"%s\"", jndiName, DEFAULT);
                    continue;
                }
                if (jndi.lookup(jndiName) instanceof Session session) {
                    found.put(name, new SendingAccount(name, jndiName, session));
                } else {
                    LOG.warnf("%s is not a mail session; it is not a sending account", jndiName);
                }
            }
        } catch (NamingException e) {
            throw new IllegalStateException("cannot read the sending accounts under " + CONTEXT + ": " + e, e);
        }
        LOG.infof("sending accounts: %s", found.values().stream()
                .map(a -> a.name() + " (" + a.target().server() + ", " + a.signIn() + ")").toList());
        return Collections.unmodifiableMap(found);
    }
}

package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP password read from a WildFly Elytron credential store: a server (its own, on a copy of the test's
 * configuration) started with no HERALD_SMTP_PASSWORD gets wildfly-config/configure-credential-store.cli, the password
 * is encrypted with the store's key into a ${ENC::herald:…} expression (the README's commands), and after a reload
 * Herald signs in with it: GreenMail, which checks the password, receives the campaign. Neither the configuration nor
 * the log holds the password in clear.
 */
class CredentialStoreIT extends HeraldIT {

    private static final String MAILBOX = "store@herald.example";
    private static final String PASSWORD = "store-s3cret-" + System.nanoTime();
    private final String dataDir = System.getProperty("it.data.dir") + "-store";
    private final Path configDir = Path.of(dataDir + "-configuration");
    private final ServerProcess server = new ServerProcess(dataDir, 0, "node-store")
            .configDir(configDir.toString())
            .env("HERALD_SMTP_USER", MAILBOX)
            .env("HERALD_SMTP_PASSWORD", null);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSmtpPasswordComesFromTheCredentialStore() throws IOException {
        copy(Path.of(System.getProperty("it.config.dir")), configDir);
        smtp.account(MAILBOX, PASSWORD);
        server.start();
        server.cliFile(Path.of("wildfly-config/configure-credential-store.cli"));
        server.cli("reload");
        server.awaitReady();
        String created = server.cli("/subsystem=elytron/expression=encryption:create-expression(resolver=herald, clear-text=\""
                + PASSWORD + "\")");
        Matcher expression = Pattern.compile("\\$\\{ENC::herald:[^}\"]+}").matcher(created);
        assertTrue(expression.find(), created);
        server.cli("/subsystem=mail/mail-session=herald/custom=smtp:map-put(name=properties, key=herald.smtp.password, value=\""
                + expression.group() + "\")", "reload");
        server.awaitReady();

        int n = 20;
        long campaign = campaign(personalisedTemplate(), listOf(n));
        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign), "signed in with the password from the store");

        String configuration = Files.readString(configDir.resolve("standalone.xml"));
        assertTrue(configuration.contains(expression.group()), "the configuration holds the expression");
        assertFalse(configuration.contains(PASSWORD), "the configuration does not hold the password");
        assertFalse(server.consoleLog().contains(PASSWORD), "the log does not hold the password");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

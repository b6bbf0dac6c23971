package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DKIM key file encrypted with a password (HERALD_DKIM_KEY_PASSWORD), made by the openssl command the README shows
 * (the build needs openssl anyway: it makes the integration tests' key): it signs once decrypted, and every way of
 * getting the password wrong stops with a message naming the setting, never holding the password.
 */
class EncryptedDkimKeyTest {

    private static final String DOMAIN = "example.org";
    private static final String SELECTOR = "herald2025";
    private static final String PASSWORD = "correct horse battery staple " + System.nanoTime();
    private static final String PASSWORD_SETTING = "herald.dkim.key-password (HERALD_DKIM_KEY_PASSWORD)";

    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        keys = DkimSigningTest.rsa2048();
    }

    /** The key as an unencrypted PKCS#8 PEM, then through `openssl {args} -passout env:…` into out. */
    private Path openssl(String out, String... args) throws Exception {
        Path plain = DkimSigningTest.writePem(dir.resolve("plain.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
        Path encrypted = dir.resolve(out);
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        command.addAll(List.of("-in", plain.toString(), "-out", encrypted.toString(), "-passout", "env:KEY_PASSWORD"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KEY_PASSWORD", PASSWORD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs openssl on the PATH: " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, command + ": " + output);
        return encrypted;
    }

    /** What openssl pkcs8 -topk8 -v2 aes-256-cbc writes (the README's command). */
    private Path encryptedKey() throws Exception {
        return openssl("encrypted.pem", "pkcs8", "-topk8", "-v2", "aes-256-cbc");
    }

    private static String error(Path file, String password) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new DkimSigning(DOMAIN, SELECTOR, file, password)).getMessage();
        assertTrue(message.startsWith("herald.dkim.key-file (HERALD_DKIM_KEY_FILE) " + file + ": "), message);
        assertFalse(message.contains(PASSWORD), "the message holds the password: " + message);
        return message;
    }

    @Test
    void anEncryptedKeyAsTheReadmeMakesItSignsWithItsPassword() throws Exception {
        Path file = encryptedKey();
        assertTrue(Files.readString(file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        byte[] sent = DkimSigningTest.bytes(new DkimSigning(DOMAIN, SELECTOR, file, PASSWORD)
                .sign(DkimSigningTest.composed()));

        assertEquals(DOMAIN, DkimSigningTest.verify(sent, keys).get(0).getDToken().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v2 aes-128-cbc -v2prf hmacWithSHA1", "-v2 aes-256-cbc -v2prf hmacWithSHA512",
            "-v1 PBE-SHA1-3DES"})
    void otherPkcs8EncryptionsAlsoSign(String options) throws Exception {
        List<String> args = new ArrayList<>(List.of("pkcs8", "-topk8"));
        args.addAll(List.of(options.split(" ")));
        Path file = openssl("other.pem", args.toArray(String[]::new));

        DkimSigningTest.verify(DkimSigningTest.bytes(new DkimSigning(DOMAIN, SELECTOR, file, PASSWORD)
                .sign(DkimSigningTest.composed())), keys);
    }

    @Test
    void aWrongPasswordIsNamedWithoutRepeatingIt() throws Exception {
        String wrong = PASSWORD + "!";

        String message = error(encryptedKey(), wrong);

        assertTrue(message.endsWith(PASSWORD_SETTING + " does not decrypt it (a wrong password, or a damaged file)"),
                message);
        assertFalse(message.contains(wrong), message);
    }

    @Test
    void anEncryptedKeyWithoutAPasswordNamesThePasswordSetting() throws Exception {
        String message = error(encryptedKey(), null);

        assertTrue(message.contains("the key is encrypted: set " + PASSWORD_SETTING + " to its password"), message);
    }

    @Test
    void aPasswordForAKeyThatIsNotEncryptedIsRefused() throws Exception {
        Path plain = DkimSigningTest.writePem(dir.resolve("plain.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());

        String message = error(plain, PASSWORD);

        assertTrue(message.contains(PASSWORD_SETTING + " is set but the key is not encrypted"), message);
    }

    @Test
    void aKeyInOpensslsTraditionalEncryptionIsToBeConverted() throws Exception {
        Path file = openssl("traditional.pem", "pkey", "-traditional", "-aes256");
        assertTrue(Files.readString(file).contains("Proc-Type: 4,ENCRYPTED"), Files.readString(file));

        String message = error(file, PASSWORD);

        assertTrue(message.contains("OpenSSL's traditional format"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"), message);
    }

    @Test
    void aKeyEncryptedWithScryptIsNamedAsUnreadable() throws Exception {
        String message = error(openssl("scrypt.pem", "pkcs8", "-topk8", "-scrypt"), PASSWORD);

        assertTrue(message.contains("it is not encrypted in a way Java can read"), message);
        assertTrue(message.endsWith("encrypt the key with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in dkim.pem -out"
                + " dkim-encrypted.pem` instead"), message);
    }
}

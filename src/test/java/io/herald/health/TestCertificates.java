package io.herald.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Server certificates made by the JDK's keytool for the test, valid for as long as the test needs. */
final class TestCertificates {

    static final String PASSWORD = "changeit";
    /** The alias of the server's key pair in every key store made here. */
    static final String SERVER = "smtp";

    private TestCertificates() {
    }

    /** A PKCS#12 key store with an EC key pair and a self-signed certificate for CN=name, valid from now for days. */
    static KeyStore selfSigned(Path dir, String name, int days) {
        Path file = dir.resolve(name + ".p12");
        keytool(genkeypair(file, SERVER, name, "-validity", String.valueOf(days)));
        return load(file);
    }

    /**
     * A key store with a key pair whose certificate for CN=name a test CA issued (the CA's key store is
     * caFile, made here if missing, alias "ca"), valid from startDate (keytool's syntax, "-10d") for days.
     */
    static KeyStore issued(Path dir, Path caFile, String name, String startDate, int days) {
        Path file = dir.resolve(name + ".p12");
        Path caPem = dir.resolve("ca.pem");
        if (!Files.exists(caFile)) {
            keytool(genkeypair(caFile, "ca", "Herald Test CA", "-validity", "30", "-ext", "bc:c"));
            keytool("-exportcert", "-alias", "ca", "-keystore", caFile.toString(), "-storepass", PASSWORD, "-rfc",
                    "-file", caPem.toString());
        }
        keytool(genkeypair(file, SERVER, name));
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool("-certreq", "-alias", SERVER, "-keystore", file.toString(), "-storepass", PASSWORD, "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caFile.toString(), "-storepass", PASSWORD, "-infile",
                csr.toString(), "-outfile", pem.toString(), "-rfc", "-startdate", startDate, "-validity",
                String.valueOf(days), "-ext", "san=dns:localhost,ip:127.0.0.1");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", file.toString(), "-storepass", PASSWORD,
                "-file", caPem.toString());
        keytool("-importcert", "-alias", SERVER, "-keystore", file.toString(), "-storepass", PASSWORD, "-file", pem.toString());
        return load(file);
    }

    static KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A trust store whose only anchor is the certificate under this alias. */
    static KeyStore trusting(KeyStore keys, String alias) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, keys.getCertificate(alias));
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS server context presenting the key store's server certificate (and its chain). */
    static SSLContext serverContext(KeyStore keys) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] genkeypair(Path file, String alias, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + name, "-ext", "san=dns:localhost,ip:127.0.0.1", "-keystore",
                file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        // a JVM for a few key operations: the quick-start settings halve its time (the tests make about ten)
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Xshare:auto"));
        command.addAll(List.of(args));
        try {
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

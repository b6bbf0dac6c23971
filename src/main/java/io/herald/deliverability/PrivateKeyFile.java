package io.herald.deliverability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the DKIM signing key: an RSA private key in PKCS#8, PEM ("BEGIN PRIVATE KEY", what OpenSSL 3 writes) or DER,
 * or in PKCS#1 PEM ("BEGIN RSA PRIVATE KEY", what older OpenSSL writes); or, with a password
 * (herald.dkim.key-password), an encrypted PKCS#8 PEM ("BEGIN ENCRYPTED PRIVATE KEY", what
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes). Every error names the setting (herald.dkim.key-file, and
 * herald.dkim.key-password when it is about the password) and the file, says what to do, and never holds the password.
 */
final class PrivateKeyFile {

    /** RFC 8301 §3.2: verifiers must not accept signatures from smaller RSA keys (2048 bits is what to use). */
    static final int MIN_RSA_BITS = 1024;

    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }, for wrapping PKCS#1 in PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private static final String PASSWORD =
            DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_KEY_PASSWORD);
    private static final String ENCRYPT =
            "`openssl pkcs8 -topk8 -v2 aes-256-cbc -in dkim.pem -out dkim-encrypted.pem`";

    private PrivateKeyFile() {
    }

    /** The key in the file; password: null for an unencrypted key, else the encrypted key's password. */
    static RSAPrivateKey read(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw bad(file, "there is no such file");
        }
        byte[] content;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw bad(file, "larger than " + MAX_FILE_BYTES + " bytes, so not a private key");
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw bad(file, "it cannot be read (" + e + "); the server's user needs read permission");
        }
        RSAPrivateKey key = parse(file, content, password);
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw bad(file, "the key has " + key.getModulus().bitLength() + " bits; DKIM needs at least "
                    + MIN_RSA_BITS + " (use 2048)");
        }
        return key;
    }

    private static RSAPrivateKey parse(Path file, byte[] content, String password) {
        String text = new String(content, StandardCharsets.US_ASCII);
        Matcher pem = PEM.matcher(text);
        String label = pem.find() ? pem.group(1) : null;
        boolean encrypted = label != null && (label.contains("ENCRYPTED") || pem.group(2).contains("ENCRYPTED"));
        if (password != null && !encrypted) {
            throw bad(file, PASSWORD + " is set but the key is not encrypted: unset it, or encrypt the key with "
                    + ENCRYPT);
        }
        byte[] pkcs8;
        if (label == null) {
            pkcs8 = content; // DER
        } else if (label.equals("PRIVATE KEY")) {
            pkcs8 = base64(file, pem.group(2));
        } else if (label.equals("RSA PRIVATE KEY") && !encrypted) {
            pkcs8 = wrapPkcs1(base64(file, pem.group(2)));
        } else if (label.equals("ENCRYPTED PRIVATE KEY") && password != null) {
            pkcs8 = decrypt(file, base64(file, pem.group(2)), password);
        } else if (label.equals("ENCRYPTED PRIVATE KEY")) {
            throw bad(file, "the key is encrypted: set " + PASSWORD + " to its password, or decrypt the file with"
                    + " `openssl pkcs8 -in encrypted.pem -out dkim.pem`");
        } else if (encrypted) {
            throw bad(file, "the key is encrypted in OpenSSL's traditional format, which Herald does not read;"
                    + " convert it with " + ENCRYPT + " and set " + PASSWORD);
        } else {
            throw bad(file, "it holds a " + label + ", not a private key");
        }
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw bad(file, "it is not an RSA private key in PKCS#8 (PEM or DER) or PKCS#1 (PEM) (" + e.getMessage()
                    + ")");
        }
    }

    private static byte[] decrypt(Path file, byte[] der, String password) {
        try {
            return EncryptedPrivateKey.decrypt(der, password);
        } catch (EncryptedPrivateKey.Refused e) {
            throw bad(file, e.wrongPassword() ? PASSWORD + " does not decrypt it (a wrong password, or a damaged file)"
                    : e.getMessage() + "; encrypt the key with " + ENCRYPT + " instead");
        }
    }

    private static byte[] base64(Path file, String body) {
        try {
            return Base64.getDecoder().decode(body.replaceAll("\\s", "")); // the MIME decoder skips any junk
        } catch (IllegalArgumentException e) {
            throw bad(file, "its PEM body is not base64 (" + e.getMessage() + ")");
        }
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 } (RFC 5208), which Java's KeyFactory reads. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(derHeader(0x30, body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    /** A DER tag and length: short form below 128, else 0x80 + the number of length bytes, then the bytes. */
    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] header = new byte[2 + bytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        }
        return header;
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException(DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_KEY_FILE)
                + " " + file + ": " + why);
    }
}

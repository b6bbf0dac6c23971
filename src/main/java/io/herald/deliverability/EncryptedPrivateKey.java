package io.herald.deliverability;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Decrypts a password-protected PKCS#8 key (EncryptedPrivateKeyInfo, RFC 5958, the body of a PEM "ENCRYPTED PRIVATE
 * KEY") with the JDK's own PBE ciphers: PBES2 (PBKDF2 with HMAC-SHA1 or -SHA256, then AES-CBC), what
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} and OpenSSL 3's defaults write, and the older PBES1 schemes. The
 * password is never part of an error.
 */
final class EncryptedPrivateKey {

    /** Why a key could not be decrypted, in words for the operator (the caller adds the file and the setting). */
    static final class Refused extends Exception {
        private final boolean wrongPassword;

        Refused(String why, boolean wrongPassword) {
            super(why, null, false, false);
            this.wrongPassword = wrongPassword;
        }

        /** The scheme is one Java reads, but the password does not give a key: wrong, or the file was damaged. */
        boolean wrongPassword() {
            return wrongPassword;
        }
    }

    private EncryptedPrivateKey() {
    }

    /** The PKCS#8 PrivateKeyInfo inside {@code der}, decrypted with {@code password}. */
    static byte[] decrypt(byte[] der, String password) throws Refused {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            // e.g. scrypt (openssl pkcs8 -scrypt), which the JDK does not implement
            throw new Refused("it is not encrypted in a way Java can read (" + e.getMessage() + ")", false);
        }
        String algorithm = algorithm(info);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray());
        try {
            SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(spec);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            PKCS8EncodedKeySpec decrypted = info.getKeySpec(cipher);
            return decrypted.getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new Refused("it is encrypted with " + algorithm + ", which Java cannot decrypt", false);
        } catch (GeneralSecurityException e) {
            // a bad padding, or a decryption that is not a PKCS#8 key: the password is not this key's
            throw new Refused("the password does not decrypt it", true);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * The JCA name of the scheme. For PBES2 the JDK 17 EncryptedPrivateKeyInfo says only "PBES2", and its parameters
     * name the cipher, e.g. PBEWithHmacSHA256AndAES_256.
     */
    private static String algorithm(EncryptedPrivateKeyInfo info) {
        AlgorithmParameters parameters = info.getAlgParameters();
        return info.getAlgName().equals("PBES2") && parameters != null ? parameters.toString() : info.getAlgName();
    }
}

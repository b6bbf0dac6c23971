package io.herald.deliverability;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Signs campaign messages with DKIM (RFC 6376; rsa-sha256, relaxed/relaxed) for one domain and selector, through
 * utils-mail-dkim. The receiver checks the signature against the public key published at
 * {@code <selector>._domainkey.<domain>}; Herald does not look that record up itself (no DNS query per message).
 * Thread-safe: each message gets a signer of its own, because the library's signer is not.
 */
public final class DkimSigning {

    /**
     * Signed in addition to the library's defaults (From, To, Cc, Subject, Date, Message-ID, Reply-To, MIME-Version,
     * Content-Type, List-Id, List-Unsubscribe, …): RFC 8058 §4 wants both List-Unsubscribe headers signed, and
     * Gmail's feedback loop trusts Feedback-ID only when it is signed.
     */
    public static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID",
            "Reply-To", ListHeaders.LIST_ID, ListHeaders.LIST_UNSUBSCRIBE, ListHeaders.LIST_UNSUBSCRIBE_POST,
            ListHeaders.FEEDBACK_ID, ListHeaders.PRECEDENCE);

    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;

    /**
     * Reads the key now, so that a missing or wrong key stops the deployment instead of every message:
     * IllegalArgumentException naming herald.dkim.key-file (or .key-password, .domain, .selector) and what is wrong.
     * keyPassword: the password of an encrypted key file, null for one that is not encrypted.
     */
    public DkimSigning(String domain, String selector, Path keyFile, String keyPassword) {
        this.domain = domain;
        this.selector = selector;
        this.key = PrivateKeyFile.read(keyFile, keyPassword);
        signer(); // the library checks the domain
    }

    /** With a key file that is not encrypted. */
    public DkimSigning(String domain, String selector, Path keyFile) {
        this(domain, selector, keyFile, null);
    }

    public DkimSigning(DeliverabilitySettings.Dkim settings) {
        this(settings.domain(), settings.selector(), settings.keyFile(), settings.keyPassword());
    }

    /**
     * The message to send instead of the given one: a copy (an Angus SMTPMessage, so its envelope sender can be
     * set) that adds its DKIM-Signature each time it is written. Sign after every header is set: later changes to
     * the given message are not in the copy. Do not call saveChanges() on the copy: that would give it a new
     * Message-ID, and so would a session with mail.smtp.allow8bitmime=true (it re-encodes the body) - it is off.
     */
    public MimeMessage sign(MimeMessage message) throws MessagingException {
        return new DkimMessage(message, signer());
    }

    private DkimSigner signer() {
        try {
            DkimSigner signer = new DkimSigner(domain, selector, key);
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setLengthParam(false); // l= would let anyone append to the body
            signer.setCheckDomainKey(false); // no DNS lookup of our own public key at every message
            SIGNED_HEADERS.forEach(signer::addHeaderToSign);
            return signer;
        } catch (DkimException e) {
            throw new IllegalArgumentException(DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_DOMAIN)
                    + " '" + domain + "' or " + DeliverabilitySettings.describe(DeliverabilitySettings.DKIM_SELECTOR)
                    + " '" + selector + "' is not accepted: " + e.getMessage(), e);
        }
    }
}

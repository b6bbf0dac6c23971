package io.herald.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * The one set of rules for an e-mail address, applied by the API when it stores one (platform/Fields) and by the
 * send step before it sends to one (delivery/MessageProcessor): a single bare mailbox, no control character,
 * RFC 5321 lengths, and the domain converted to A-labels (RFC 5890), which is the form Herald sends.
 *
 * <p>Herald does not use SMTPUTF8 (RFC 6531): its mail session does not set {@code mail.mime.allowutf8}, so
 * Angus Mail neither asks for the extension in MAIL FROM nor writes UTF-8 addresses and headers, and a relay
 * without the extension would refuse them anyway. An internationalised domain needs no extension (its A-labels
 * are ASCII); a UTF-8 local part does, so such an address is valid and may be stored, but cannot be sent.
 */
public final class AddressNormalizer {

    /** RFC 5321 §4.5.3.1.1: a local part has at most 64 octets. */
    public static final int MAX_LOCAL_PART_OCTETS = 64;

    /** RFC 5321 §4.5.3.1.3: a path has at most 256 octets, "<" and ">" included, so an address at most 254. */
    public static final int MAX_ADDRESS_OCTETS = 254;

    /** The reason a valid address with a UTF-8 local part is not sent (see the class comment). */
    public static final String NEEDS_SMTPUTF8 = "UTF-8 local part needs SMTPUTF8, which Herald does not use";

    private AddressNormalizer() {
    }

    /**
     * An address checked: {@code problem} says why it is invalid (then {@code address} is null); otherwise
     * {@code address} is the form to send, "local@domain" with the domain as A-labels ("jörg@bücher.example"
     * becomes "jörg@xn--bcher-kva.example"), and {@code needsSmtpUtf8} tells that its local part is not ASCII.
     */
    public record Result(String address, String problem, boolean needsSmtpUtf8) {

        static Result invalid(String problem) {
            return new Result(null, problem, false);
        }

        public boolean valid() {
            return problem == null;
        }
    }

    /** Checks an address as given by an operator or an import and converts its domain to A-labels. */
    public static Result normalize(String address) {
        if (address == null || address.isBlank()) {
            return Result.invalid("address is missing");
        }
        String control = HeaderText.controlCharacter(address);
        if (control != null) {
            return Result.invalid("address contains a " + control);
        }
        String email;
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            email = parsed.getAddress();
            if (!email.equals(address.trim()) || parsed.getPersonal() != null) {
                return Result.invalid("not a bare address (write only local@domain)");
            }
        } catch (AddressException e) {
            return Result.invalid("malformed address: " + e.getMessage());
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return Result.invalid("no domain");
        }
        String local = email.substring(0, at);
        int localOctets = octets(local);
        if (localOctets > MAX_LOCAL_PART_OCTETS) {
            return Result.invalid("local part is " + localOctets + " octets long; RFC 5321 allows at most "
                    + MAX_LOCAL_PART_OCTETS);
        }
        String domain = email.substring(at + 1);
        String asciiDomain;
        if (domain.startsWith("[")) {
            asciiDomain = domain;                  // an address literal such as [192.0.2.1]: nothing to convert
        } else {
            try {
                // IDNA 2003 as implemented by the JDK; the STD3 rules refuse what no host name may hold
                // (a leading or trailing hyphen, an underscore, a label longer than 63 octets)
                asciiDomain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                return Result.invalid("domain '" + domain + "' is not a valid host name: " + e.getMessage());
            }
            if (asciiDomain.indexOf('.') < 0) {
                return Result.invalid("domain '" + domain + "' has no dot");
            }
        }
        String wireForm = local + "@" + asciiDomain;
        int addressOctets = octets(wireForm);
        if (addressOctets > MAX_ADDRESS_OCTETS) {
            return Result.invalid("address is " + addressOctets + " octets long" + (asciiDomain.equals(domain)
                    ? "" : " with its domain as A-labels") + "; RFC 5321 allows at most " + MAX_ADDRESS_OCTETS);
        }
        boolean utf8Local = localOctets != local.length();    // a non-ASCII character takes 2 to 4 octets
        return new Result(wireForm, null, utf8Local);
    }

    private static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

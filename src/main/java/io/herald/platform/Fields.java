package io.herald.platform;

import io.herald.mail.AddressNormalizer;
import io.herald.mail.HeaderText;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;

/** Validation of request fields shared by every resource; each failure names the field. */
public final class Fields {

    private Fields() {
    }

    /** A required text value: present, not blank, at most maxLength characters. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return optional(field, value, maxLength);
    }

    /** An optional text value: null or blank becomes null; at most maxLength characters. */
    public static String optional(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest(field, field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** A value that ends up in a mail header: refused if it holds a control character (see HeaderText). */
    public static String headerSafe(String field, String value) {
        String problem = headerProblem(field, value);
        if (problem != null) {
            throw ApiException.badRequest(field, problem);
        }
        return value;
    }

    /**
     * Why a value cannot go into a mail header, naming the field ("name contains a control character (U+000B)
     * at position 4 ..."), or null when it can. For checks that report instead of throwing.
     */
    public static String headerProblem(String field, String value) {
        String found = HeaderText.controlCharacter(value);
        return found == null ? null : field + " contains a " + found
                + " (CR or LF and other control characters must not go into a mail header)";
    }

    /** A required identifier of another resource. */
    public static long requiredId(String field, Long value) {
        if (value == null) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return value;
    }

    /**
     * Returns the problem with an e-mail address, or null when it is a valid single mailbox. An internationalised
     * domain or a UTF-8 local part is valid; whether it can be sent is the send step's concern (AddressNormalizer).
     */
    public static String addressProblem(String address) {
        return AddressNormalizer.normalize(address).problem();
    }

    /**
     * A valid e-mail address that Herald itself sends from (From, Reply-To): returned as it will be sent, trimmed
     * and with its domain as A-labels. A UTF-8 local part is refused: it could never be sent (no SMTPUTF8).
     */
    public static String address(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.badRequest(field, field + " is required");
            }
            return null;
        }
        AddressNormalizer.Result checked = AddressNormalizer.normalize(value);
        if (!checked.valid()) {
            throw ApiException.badRequest(field, field + " '" + value + "' is not a valid e-mail address: " + checked.problem());
        }
        if (checked.needsSmtpUtf8()) {
            throw ApiException.badRequest(field, field + " '" + value + "' cannot be used: " + AddressNormalizer.NEEDS_SMTPUTF8);
        }
        return checked.address();
    }

    /** Builds an InternetAddress from values already validated; the display name is encoded as UTF-8. */
    public static InternetAddress mailbox(String address, String name) {
        try {
            return name == null ? new InternetAddress(address) : new InternetAddress(address, name, "UTF-8");
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("invalid address " + address, e);
        }
    }
}

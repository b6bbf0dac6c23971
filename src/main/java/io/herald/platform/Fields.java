package io.herald.platform;

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

    /** A value that ends up in a mail header: CR or LF would let it inject other headers. */
    public static String headerSafe(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw ApiException.badRequest(field, field + " must not contain CR or LF (it goes into a mail header)");
        }
        return value;
    }

    /** A required identifier of another resource. */
    public static long requiredId(String field, Long value) {
        if (value == null) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return value;
    }

    /** Returns the problem with an e-mail address, or null when it is a valid single mailbox. */
    public static String addressProblem(String address) {
        if (address == null || address.isBlank()) {
            return "address is missing";
        }
        if (address.indexOf('\r') >= 0 || address.indexOf('\n') >= 0) {
            return "address contains CR or LF";
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            String email = parsed.getAddress();
            if (!email.equals(address.trim()) || parsed.getPersonal() != null) {
                return "not a bare address (write only local@domain)";
            }
            int at = email.lastIndexOf('@');
            if (at <= 0 || at == email.length() - 1) {
                return "no domain";
            }
            if (email.substring(at + 1).indexOf('.') < 0 && !email.substring(at + 1).startsWith("[")) {
                return "domain '" + email.substring(at + 1) + "' has no dot";
            }
            return null;
        } catch (AddressException e) {
            return "malformed address: " + e.getMessage();
        }
    }

    /** A required, valid e-mail address. */
    public static String address(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.badRequest(field, field + " is required");
            }
            return null;
        }
        String problem = addressProblem(value);
        if (problem != null) {
            throw ApiException.badRequest(field, field + " '" + value + "' is not a valid e-mail address: " + problem);
        }
        return value.trim();
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

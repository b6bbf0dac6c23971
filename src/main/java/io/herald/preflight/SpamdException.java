package io.herald.preflight;

/** spamd could not be asked, or its answer could not be read; the message names spamd's host:port. */
public class SpamdException extends Exception {

    public SpamdException(String message, Throwable cause) {
        super(message, cause);
    }

    public SpamdException(String message) {
        super(message);
    }
}

package io.herald.signin;

/** The token endpoint cannot be reached or answers with a server error: an outage, tried again as one. */
public class TokenUnavailableException extends RuntimeException {
    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

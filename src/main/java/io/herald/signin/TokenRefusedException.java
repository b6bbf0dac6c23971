package io.herald.signin;

/**
 * The token endpoint refused Herald's client (HTTP 400 or 401: a wrong client id or secret, a revoked consent): no
 * message can be sent until an operator fixes the settings, so the campaign fails with this reason rather than
 * retrying. The message carries the endpoint's error, never a secret.
 */
public class TokenRefusedException extends RuntimeException {
    public TokenRefusedException(String message) {
        super(message);
    }
}

package io.herald.platform;

/** The JSON body of every refused request: {"status":400,"field":"fromAddress","error":"..."}. */
public record ApiError(int status, String field, String error) {
}

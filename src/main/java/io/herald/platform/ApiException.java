package io.herald.platform;

/** A request Herald refuses: the HTTP status, the field at fault (or null) and what was wrong with it. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(int status, String field, String problem) {
        super(problem);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String problem) {
        return new ApiException(400, field, problem);
    }

    public static ApiException notFound(String what, long id) {
        return new ApiException(404, "id", what + " " + id + " does not exist");
    }

    public static ApiException conflict(String field, String problem) {
        return new ApiException(409, field, problem);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}

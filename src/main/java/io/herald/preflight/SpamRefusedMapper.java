package io.herald.preflight;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused launch: the usual {status, field, error} and the pre-flight with its rule hits. */
@Provider
public class SpamRefusedMapper implements ExceptionMapper<SpamRefusedException> {

    /** The JSON body: ApiError's fields and the pre-flight. */
    public record Refusal(int status, String field, String error, PreflightReport preflight) {
    }

    @Override
    public Response toResponse(SpamRefusedException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Refusal(e.status(), e.field(), e.getMessage(), e.report()))
                .build();
    }
}

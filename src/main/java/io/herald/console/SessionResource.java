package io.herald.console;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** GET /session: who is logged in, their roles and the session's CSRF token; DELETE /session logs out. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** What the console needs to draw itself for this user. */
    public record SessionView(String user, List<String> roles, boolean admin, String csrfToken) {
    }

    @Context
    HttpServletRequest request;

    @APIResponse(responseCode = "200", description = "{user, roles, admin, csrfToken}; the token goes in X-CSRF-Token "
            + "on every POST, PUT and DELETE of a browser session (requests with BASIC credentials need none)")
    @GET
    public SessionView get() {
        List<String> roles = new ArrayList<>();
        for (String role : List.of(Roles.ADMIN, Roles.OPERATOR)) {
            if (request.isUserInRole(role)) {
                roles.add(role);
            }
        }
        String token = CsrfTokens.of(request.getSession(true));
        return new SessionView(request.getUserPrincipal().getName(), roles, roles.contains(Roles.ADMIN), token);
    }

    @APIResponse(responseCode = "204", description = "logged out: the session is invalidated")
    @DELETE
    public Response logout() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Response.noContent().build();
    }
}

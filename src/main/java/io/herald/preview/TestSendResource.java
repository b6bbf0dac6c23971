package io.herald.preview;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** POST /campaigns/{id}/test: the campaign's real message to a few addresses, never a delivery. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed(Roles.ADMIN)
@Path("/campaigns/{id}/test")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestSendResource {

    @Inject
    TestSends tests;

    @APIResponse(responseCode = "200", description = "{sent: [{address, smtpCode, reply}], recipient: {id, email, name}"
            + " or null}: the real message sent to each address in its own SMTP transaction (a refusal is data here);"
            + " audit entries of kind TEST, no delivery, no count changed")
    @APIResponse(responseCode = "400", description = "addresses: not 1 to 10 valid e-mail addresses")
    @APIResponse(responseCode = "404", description = "no such campaign, or (field recipient) no such recipient")
    @POST
    public TestSendResult test(@PathParam("id") long id, TestSendRequest request, @Context SecurityContext security) {
        return tests.send(id, request, security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName());
    }
}

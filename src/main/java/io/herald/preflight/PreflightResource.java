package io.herald.preflight;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** POST /campaigns/{id}/preflight[?recipient=address]: SpamAssassin's verdict on the campaign's message. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/campaigns/{id}/preflight")
@Produces(MediaType.APPLICATION_JSON)
public class PreflightResource {

    @Inject
    PreflightService preflight;

    @APIResponse(responseCode = "200", description = "{score, threshold, spam, rules: [{name, score, description}],"
            + " flags: [{name, description}], recipient, checkedAt}")
    @APIResponse(responseCode = "400", description = "recipient is not an e-mail address")
    @APIResponse(responseCode = "404", description = "no such campaign, or no such recipient in its list")
    @APIResponse(responseCode = "409", description = "no ACTIVE recipient, or the message cannot be rendered for them")
    @APIResponse(responseCode = "503", description = "spamd is not configured (HERALD_SPAMD_HOST) or does not answer")
    @POST
    public PreflightReport check(@PathParam("id") long id, @QueryParam("recipient") String recipient) {
        return preflight.check(id, recipient);
    }
}

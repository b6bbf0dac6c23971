package io.herald.preview;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** GET /campaigns/{id}/preview: a campaign's message for one recipient, before (or while) it is sent. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/campaigns/{id}/preview")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignPreviewResource {

    @Inject
    CampaignPreviews previews;

    @APIResponse(responseCode = "200", description = "{recipient: {id, email, name}, subject, text, html} as the send"
            + " step renders them for that recipient (a launched campaign: the snapshot it was launched with)")
    @APIResponse(responseCode = "404", description = "no such campaign; or (field recipient) the list has no such"
            + " recipient, or no ACTIVE one when ?recipient= is not given")
    @GET
    public CampaignPreview preview(@PathParam("id") long id, @QueryParam("recipient") String recipient) {
        return previews.preview(id, recipient);
    }
}

package io.herald.template;

import io.herald.platform.Page;
import io.herald.platform.PageParams;
import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** POST, GET (paged, ?q= on the name), PUT and DELETE of templates. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    TemplateService templates;

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "created: {id}")
    @APIResponse(responseCode = "400", description = "a field is missing or invalid, or a placeholder does not compile; the body names the field")
    @POST
    public Response create(TemplateRequest request) {
        Template t = templates.create(request);
        return Response.status(201).entity(Map.of("id", t.getId())).build();
    }

    @APIResponse(responseCode = "200", description = "{items: [{id, name, subject, createdAt, updatedAt, campaigns}],"
            + " page, size, total}: the templates (snapshots are not listed), newest first; q: part of the name,"
            + " any case")
    @APIResponse(responseCode = "400", description = "page or size out of range (size 1..500)")
    @GET
    public Page<TemplateSummary> list(@QueryParam("q") String q, @BeanParam PageParams page) {
        return templates.list(q, page.checked());
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "the template as GET shows it, plus launchedCampaigns: [ids of"
            + " campaigns already launched with it, which keep the version they were launched with] and a note"
            + " saying so when there are any")
    @APIResponse(responseCode = "400", description = "as POST /templates")
    @APIResponse(responseCode = "404", description = "no such template")
    @APIResponse(responseCode = "409", description = "the template is a snapshot a campaign was launched with")
    @PUT
    @Path("/{id}")
    public TemplateView update(@PathParam("id") long id, TemplateRequest request) {
        return templates.update(id, request);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such template")
    @APIResponse(responseCode = "409", description = "campaigns use the template (the message names them), or it is a"
            + " snapshot")
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        templates.delete(id);
        return Response.noContent().build();
    }

    @APIResponse(responseCode = "200", description = "the template, files without their content")
    @APIResponse(responseCode = "404", description = "no such template")
    @GET
    @Path("/{id}")
    public TemplateView get(@PathParam("id") long id) {
        return templates.view(id);
    }
}

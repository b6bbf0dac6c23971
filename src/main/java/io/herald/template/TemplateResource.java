package io.herald.template;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** POST /templates and GET /templates/{id}. */
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

    @APIResponse(responseCode = "200", description = "the template, files without their content")
    @APIResponse(responseCode = "404", description = "no such template")
    @GET
    @Path("/{id}")
    public TemplateView get(@PathParam("id") long id) {
        return templates.view(id);
    }
}

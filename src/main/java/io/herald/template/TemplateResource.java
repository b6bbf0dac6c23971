package io.herald.template;

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
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    TemplateService templates;

    @POST
    public Response create(TemplateRequest request) {
        Template t = templates.create(request);
        return Response.status(201).entity(Map.of("id", t.getId())).build();
    }

    @GET
    @Path("/{id}")
    public TemplateView get(@PathParam("id") long id) {
        return templates.view(id);
    }
}

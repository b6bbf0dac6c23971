package io.herald.recipient;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** POST /lists, GET /lists/{id}, POST /lists/{id}/recipients. */
@Path("/lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ListResource {

    @Inject
    RecipientService recipients;

    @POST
    public Response create(ListRequest request) {
        RecipientList list = recipients.createList(request);
        return Response.status(201).entity(Map.of("id", list.getId())).build();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        RecipientList list = recipients.findList(id);
        return Map.of("id", list.getId(), "name", list.getName(), "counts", recipients.counts(id));
    }

    @POST
    @Path("/{id}/recipients")
    public AddRecipientsResult add(@PathParam("id") long id, List<RecipientRequest> entries) {
        return recipients.add(id, entries);
    }
}

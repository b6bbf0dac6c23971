package io.herald.recipient;

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
import java.util.List;
import java.util.Map;

/** POST /lists, GET /lists/{id}, POST /lists/{id}/recipients. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ListResource {

    @Inject
    RecipientService recipients;

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "created: {id}")
    @APIResponse(responseCode = "400", description = "name missing or too long")
    @POST
    public Response create(ListRequest request) {
        RecipientList list = recipients.createList(request);
        return Response.status(201).entity(Map.of("id", list.getId())).build();
    }

    @APIResponse(responseCode = "200", description = "the list and its recipients counted by status")
    @APIResponse(responseCode = "404", description = "no such list")
    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        RecipientList list = recipients.findList(id);
        return Map.of("id", list.getId(), "name", list.getName(), "unsubscribeScope", list.getUnsubscribeScope(),
                "counts", recipients.counts(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "{added, rejected: [{index, reason}]}: each refused entry with its reason")
    @APIResponse(responseCode = "400", description = "not a JSON array, or more than 10,000 entries")
    @APIResponse(responseCode = "404", description = "no such list")
    @POST
    @Path("/{id}/recipients")
    public AddRecipientsResult add(@PathParam("id") long id, List<RecipientRequest> entries) {
        return recipients.add(id, entries);
    }
}

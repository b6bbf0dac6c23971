package io.herald.suppression;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** POST /suppressions, GET /suppressions, GET /suppressions/check?address=, DELETE /suppressions/{id}. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/suppressions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    @Inject
    SuppressionService suppressions;

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "suppressed: the entry, and how many unsent deliveries were skipped")
    @APIResponse(responseCode = "200", description = "the address was already suppressed there: the existing entry")
    @APIResponse(responseCode = "400", description = "address, reason or note is invalid; the body names the field")
    @APIResponse(responseCode = "404", description = "no such list")
    @POST
    public Response add(SuppressionRequest request) {
        SuppressionService.Added added = suppressions.add(request);
        return Response.status(added.created() ? 201 : 200)
                .entity(Map.of("suppression", SuppressionView.of(added.entry()), "skippedDeliveries", added.skipped()))
                .build();
    }

    @APIResponse(responseCode = "200", description = "{page, size, total, items: [{id, address, listId, reason, note, createdAt}]}")
    @APIResponse(responseCode = "400", description = "page or size is invalid")
    @GET
    public Map<String, Object> list(@QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("100") int size) {
        return suppressions.page(page, size);
    }

    @APIResponse(responseCode = "200", description = "{address, suppressed, entries}: suppressed in every list or in some")
    @APIResponse(responseCode = "400", description = "address missing")
    @GET
    @Path("/check")
    public Map<String, Object> check(@QueryParam("address") String address) {
        var entries = suppressions.entries(address).stream().map(SuppressionView::of).toList();
        return Map.of("address", address.trim(), "suppressed", !entries.isEmpty(), "entries", entries);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "removed: the address may be mailed again")
    @APIResponse(responseCode = "404", description = "no such entry")
    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") long id) {
        suppressions.remove(id);
        return Response.noContent().build();
    }
}

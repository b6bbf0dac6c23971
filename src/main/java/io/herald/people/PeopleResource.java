package io.herald.people;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** GET /people/{address}/export (GDPR Art. 15) and DELETE /people/{address} (Art. 17). */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    @Inject
    PersonExport export;

    @Inject
    PersonErasure erasure;

    @APIResponse(responseCode = "200", description = "{address, key, exportedAt, limit, recipients, deliveries,"
            + " auditEntries, suppressions, bounceEvents, importRejections}: each {total, truncated, items}, at most"
            + " limit items, newest first; empty sections when Herald holds nothing")
    @APIResponse(responseCode = "400", description = "address or limit is invalid; the body names the field")
    @GET
    @Path("/{address}/export")
    public Map<String, Object> export(@PathParam("address") String address,
                                      @QueryParam("limit") @DefaultValue("1000") int limit) {
        return export.export(address, limit);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "erased: {address, erasedAt, replacement, suppressedAs,"
            + " alreadyErased, skippedDeliveries, tables: {table: rows}, warnings}")
    @APIResponse(responseCode = "400", description = "address is not a valid e-mail address")
    @APIResponse(responseCode = "404", description = "Herald holds nothing about the address")
    @APIResponse(responseCode = "409", description = "a message to the address is being sent right now, or no"
            + " stable secret is configured (HERALD_UNSUBSCRIBE_SECRET); nothing was erased")
    @DELETE
    @Path("/{address}")
    public Erasure erase(@PathParam("address") String address) {
        return erasure.erase(address);
    }
}

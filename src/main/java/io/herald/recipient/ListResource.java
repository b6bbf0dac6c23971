package io.herald.recipient;

import io.herald.platform.ApiException;
import io.herald.platform.Page;
import io.herald.platform.PageParams;
import io.herald.platform.Roles;
import io.herald.recipient.imports.ImportFiles;
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
import java.util.List;
import java.util.Map;

/** /lists: list, create, read and delete lists; list, add, change and delete their recipients. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ListResource {

    @Inject
    RecipientService recipients;

    @Inject
    ListCatalog catalog;

    @Inject
    RecipientEdits edits;

    @Inject
    ImportFiles files;

    @APIResponse(responseCode = "200", description = "{items: [{id, name, unsubscribeScope, createdAt, counts: {ACTIVE,"
            + " UNSUBSCRIBED, BOUNCED}, total}], page, size, total}, newest first; with counts=false, counts and total"
            + " are null (a picker's answer: it costs no count of the lists' recipients)")
    @APIResponse(responseCode = "400", description = "q, counts, page or size is invalid; the body names the field")
    @GET
    public Page<ListSummary> list(@QueryParam("q") String q, @QueryParam("counts") String counts,
                                  @BeanParam PageParams paging) {
        return catalog.lists(q, withCounts(counts), paging.checked());
    }

    private static boolean withCounts(String counts) {
        if (counts == null || counts.isBlank() || counts.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (counts.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.badRequest("counts", "counts must be true or false, not '" + counts + "'");
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "deleted with its recipients and imports; its suppressions stay")
    @APIResponse(responseCode = "404", description = "no such list")
    @APIResponse(responseCode = "409", description = "a campaign uses the list (the body names them), or an import into"
            + " it is going")
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        edits.deleteList(id).forEach(files::delete);
        return Response.noContent().build();
    }

    @APIResponse(responseCode = "200", description = "{items: [{id, email, name, status, attributes, createdAt}], page,"
            + " size, total}, newest first")
    @APIResponse(responseCode = "400", description = "status, q, page or size is invalid; the body names the field")
    @APIResponse(responseCode = "404", description = "no such list")
    @GET
    @Path("/{id}/recipients")
    public Page<RecipientView> recipients(@PathParam("id") long id, @QueryParam("status") String status,
                                          @QueryParam("q") String q, @BeanParam PageParams paging) {
        return catalog.recipients(id, status, q, paging.checked());
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "the recipient as changed")
    @APIResponse(responseCode = "400", description = "email, name, attributes or status is invalid; the body names the field")
    @APIResponse(responseCode = "404", description = "no such list, or no such recipient in it")
    @APIResponse(responseCode = "409", description = "the address is already in the list or is suppressed, or it"
            + " changes while a campaign of the list is RUNNING or PAUSED")
    @PUT
    @Path("/{id}/recipients/{recipientId}")
    public RecipientView update(@PathParam("id") long id, @PathParam("recipientId") long recipientId,
                                RecipientUpdate body) {
        return edits.update(id, recipientId, body);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such list, or no such recipient in it")
    @APIResponse(responseCode = "409", description = "a campaign of the list is RUNNING or PAUSED, or the recipient has"
            + " deliveries (their history; erase the person with DELETE /people/{address})")
    @DELETE
    @Path("/{id}/recipients/{recipientId}")
    public Response deleteRecipient(@PathParam("id") long id, @PathParam("recipientId") long recipientId) {
        edits.delete(id, recipientId);
        return Response.noContent().build();
    }

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

package io.herald.recipient.imports;

import io.herald.platform.Page;
import io.herald.platform.PageParams;
import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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

/** /imports: the imports, newest first; /imports/{id}: the import's state, its rejection report, stop and restart. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ImportService imports;

    @Inject
    ImportCatalog catalog;

    @APIResponse(responseCode = "200", description = "{items: [{id, listId, status, statusReason, rowsRead, added,"
            + " rejected, file, executionId, createdAt, startedAt, finishedAt}], page, size, total}, newest first")
    @APIResponse(responseCode = "400", description = "page or size is invalid; the body names the field")
    @GET
    public Page<ImportView> list(@BeanParam PageParams paging) {
        return catalog.page(paging.checked());
    }

    @APIResponse(responseCode = "200", description = "{id, listId, status, statusReason, rowsRead, added, rejected, file, …}")
    @APIResponse(responseCode = "404", description = "no such import")
    @GET
    @Path("/{id}")
    public ImportView get(@PathParam("id") long id) {
        return imports.view(id);
    }

    @APIResponse(responseCode = "200", description = "{page, size, total, items: [{line, raw, reason}]}, in line order")
    @APIResponse(responseCode = "400", description = "page or size is invalid")
    @APIResponse(responseCode = "404", description = "no such import")
    @GET
    @Path("/{id}/rejections")
    public RejectionPage rejections(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("100") int size) {
        return imports.rejections(id, page, size);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "202", description = "the job is asked to stop at its next checkpoint: {executionId}")
    @APIResponse(responseCode = "404", description = "no such import")
    @APIResponse(responseCode = "409", description = "the import is not RUNNING")
    @POST
    @Path("/{id}/stop")
    public Response stop(@PathParam("id") long id) {
        return Response.accepted(Map.of("executionId", imports.stop(id))).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "202", description = "the job restarted from its last checkpoint: {id, executionId}")
    @APIResponse(responseCode = "404", description = "no such import")
    @APIResponse(responseCode = "409", description = "the import is not STOPPED or FAILED, or its job is still ending")
    @POST
    @Path("/{id}/restart")
    public Response restart(@PathParam("id") long id) {
        return Response.accepted(imports.restart(id)).build();
    }
}

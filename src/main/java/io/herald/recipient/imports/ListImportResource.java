package io.herald.recipient.imports;

import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** POST /lists/{id}/imports: a CSV uploaded (multipart/form-data, part "file") or already on the server ({"path"}). */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed(Roles.ADMIN)
@Path("/lists/{id}/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ListImportResource {

    @Inject
    ImportService imports;

    @APIResponse(responseCode = "202", description = "the file is kept and the import-recipients job started: {id, executionId}")
    @APIResponse(responseCode = "400", description = "no part 'file', a file over the size limit, or no 'email' column; nothing saved")
    @APIResponse(responseCode = "404", description = "no such list")
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("id") long listId, @FormParam("file") EntityPart file) {
        return Response.accepted(imports.upload(listId, file)).build();
    }

    @APIResponse(responseCode = "202", description = "the import-recipients job started: {id, executionId}")
    @APIResponse(responseCode = "400", description = "no such file in the import directory, over the size limit, or no 'email'"
            + " column; nothing saved")
    @APIResponse(responseCode = "404", description = "no such list")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response serverFile(@PathParam("id") long listId, ImportRequest request) {
        return Response.accepted(imports.serverFile(listId, request)).build();
    }
}

package io.herald.bounce;

import io.herald.platform.JobRuns;
import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

/** POST /bounces/process (read the bounce mailbox now), GET /bounces/process/{executionId}, GET /bounces/events. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/bounces")
@Produces(MediaType.APPLICATION_JSON)
public class BounceResource {

    @Inject
    ProcessBouncesJob job;

    @Inject
    BounceEvents events;

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "202", description = "the process-bounces job started: {executionId}")
    @APIResponse(responseCode = "409", description = "no bounce mailbox is configured, or a run is already going on"
            + " this server")
    @POST
    @Path("/process")
    public Response process() {
        return Response.accepted(Map.of("executionId", job.start("POST /bounces/process"))).build();
    }

    @APIResponse(responseCode = "200", description = "{executionId, status, exitStatus}: the batch status (STARTED,"
            + " COMPLETED, FAILED, …) and, once ended, what the run did, e.g. \"HARD 3, SOFT 2, SOFT_LIMIT 0,"
            + " UNMATCHED 0, UNCLASSIFIED 1; left 0\"")
    @APIResponse(responseCode = "404", description = "no such process-bounces execution")
    @GET
    @Path("/process/{executionId}")
    public JobRuns.Run run(@PathParam("executionId") long executionId) {
        return JobRuns.run(ProcessBouncesJob.NAME, executionId);
    }

    @APIResponse(responseCode = "200", description = "{page, size, total, items: [{id, outcome, messageId, deliveryId,"
            + " campaignId, recipientId, address, reportedRecipient, status, diagnostic, remoteMta, originalMessageId,"
            + " reason, createdAt}]}, newest first")
    @APIResponse(responseCode = "400", description = "page, size or outcome is invalid")
    @GET
    @Path("/events")
    public BounceEventPage events(@QueryParam("outcome") String outcome,
                                  @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("100") int size) {
        return events.page(outcome, page, size);
    }
}

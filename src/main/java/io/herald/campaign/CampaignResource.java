package io.herald.campaign;

import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.DeliveryStore;
import io.herald.platform.ApiException;
import io.herald.platform.Page;
import io.herald.platform.PageParams;
import io.herald.platform.Roles;
import io.herald.preflight.PreflightService;
import io.herald.progress.ProgressStreams;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import io.herald.schedule.ScheduleRequest;
import io.herald.schedule.ScheduleService;
import io.herald.schedule.ScheduleView;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Locale;
import java.util.Map;

/**
 * /campaigns: list, create, read, change, delete, clone, send, pause, resume, retry, cancel, schedule, the delivery
 * rows, and the progress events.
 */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    CampaignService campaigns;

    @Inject
    DeliveryStore deliveries;

    @Inject
    ScheduleService schedules;

    @Inject
    PreflightService preflight;

    @Inject
    ProgressStreams progress;

    @Inject
    CampaignCatalog catalog;

    @Inject
    CampaignEdits edits;

    @APIResponse(responseCode = "200", description = "{items: [{id, name, status, statusReason, templateId, listId,"
            + " priority, createdAt, startedAt, finishedAt, sendAt, cron, counts, total, done, progress, lastError}],"
            + " page, size, total}, newest first")
    @APIResponse(responseCode = "400", description = "status, q, page or size is invalid; the body names the field")
    @GET
    public Page<CampaignSummary> list(@QueryParam("status") String status, @QueryParam("q") String q,
                                      @BeanParam PageParams paging) {
        return catalog.page(status, q, paging.checked());
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "created: {id}")
    @APIResponse(responseCode = "400", description = "a field is missing or invalid; the body names the field")
    @APIResponse(responseCode = "404", description = "the template or list does not exist")
    @POST
    public Response create(CampaignRequest request) {
        Campaign c = campaigns.create(request);
        return Response.status(201).entity(Map.of("id", c.getId())).build();
    }

    @APIResponse(responseCode = "200", description = "the campaign, its status, job execution and delivery counts")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") long id) {
        return campaigns.view(id);
    }

    @APIResponse(responseCode = "200", description = "text/event-stream of \"progress\" events, the first at once, then at"
            + " most one a second when something changed (15 s keep-alive): {id, status, statusReason, counts, total,"
            + " done, progress, rate, lastError, at}")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") long id, @Context SseEventSink sink, @Context Sse sse) {
        campaigns.find(id);
        progress.follow(id, sink, sse);
    }

    @APIResponse(responseCode = "200", description = "text/event-stream of \"progress\" events of every RUNNING, PAUSED or"
            + " scheduled campaign (one per campaign at once, then as for /{id}/events), and a last one when a campaign"
            + " ends (COMPLETED, CANCELLED, FAILED)")
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        progress.followActive(sink, sse);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "the campaign as changed (its schedule stays)")
    @APIResponse(responseCode = "400", description = "a field is missing or invalid; the body names the field")
    @APIResponse(responseCode = "404", description = "no such campaign, template or list")
    @APIResponse(responseCode = "409", description = "the campaign is not DRAFT (scheduled or not), or it is scheduled"
            + " and its new version scores as spam (force=true skips the pre-flight, as for PUT /schedule)")
    @APIResponse(responseCode = "503", description = "the campaign is scheduled and spamd is configured but does not answer")
    @PUT
    @Path("/{id}")
    public CampaignView update(@PathParam("id") long id, CampaignRequest request, @QueryParam("force") String force,
                               @Context SecurityContext security) {
        return edits.update(id, request, force, security.isUserInRole(Roles.ADMIN));
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "deleted with its deliveries; its audit entries stay")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is not DRAFT or CANCELLED, is recurring with runs,"
            + " or its cancelled job execution is still stopping")
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        edits.delete(id);
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "a new DRAFT \"<name> (copy)\": {id}")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @POST
    @Path("/{id}/clone")
    public Response copy(@PathParam("id") long id) {
        return Response.status(201).entity(Map.of("id", edits.copy(id).getId())).build();
    }

    @APIResponse(responseCode = "202", description = "the send-campaign job started: {executionId}")
    @APIResponse(responseCode = "400", description = "force is not true or false")
    @APIResponse(responseCode = "403", description = "force=true by an operator: only an admin may skip the spam pre-flight")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is not DRAFT, or its message scores as spam (the body"
            + " carries the pre-flight with its rule hits)")
    @APIResponse(responseCode = "503", description = "spamd is configured but does not answer")
    @POST
    @Path("/{id}/send")
    public Response send(@PathParam("id") long id, @QueryParam("force") String force,
                         @Context SecurityContext security) {
        preflight.beforeLaunch(id, force, security.isUserInRole(Roles.ADMIN));
        return Response.accepted(Map.of("executionId", campaigns.launch(id))).build();
    }

    @APIResponse(responseCode = "202", description = "the job is asked to stop: {executionId}")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is not RUNNING")
    @POST
    @Path("/{id}/pause")
    public Response pause(@PathParam("id") long id) {
        return Response.accepted(Map.of("executionId", campaigns.pause(id))).build();
    }

    @APIResponse(responseCode = "202", description = "the job restarted from its checkpoint: {executionId}")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is not PAUSED or FAILED")
    @POST
    @Path("/{id}/resume")
    public Response resume(@PathParam("id") long id) {
        return Response.accepted(Map.of("executionId", campaigns.resume(id))).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "202", description = "a new execution sends them again: {executionId, retried}")
    @APIResponse(responseCode = "400", description = "statuses is missing or holds something else than FAILED, UNKNOWN")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is not COMPLETED, or has no delivery in those statuses")
    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") long id, RetryRequest request, @Context SecurityContext security) {
        var retried = campaigns.retry(id, request, security.getUserPrincipal().getName());
        return Response.accepted(Map.of("executionId", retried.executionId(), "retried", retried.retried())).build();
    }

    @APIResponse(responseCode = "200", description = "cancelled: {id, status, cancelledDeliveries}")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is COMPLETED or CANCELLED")
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/{id}/cancel")
    public Map<String, Object> cancel(@PathParam("id") long id) {
        return Map.of("id", id, "status", CampaignStatus.CANCELLED, "cancelledDeliveries", campaigns.cancel(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "the schedule, with nextDueAt")
    @APIResponse(responseCode = "400", description = "sendAt, cron, timeZone or missedRuns is invalid; the body names the field")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @APIResponse(responseCode = "409", description = "the campaign is not DRAFT, or is a run of a recurring campaign, or"
            + " its message scores as spam (force=true skips the pre-flight)")
    @APIResponse(responseCode = "503", description = "spamd is configured but does not answer")
    @PUT
    @Path("/{id}/schedule")
    public ScheduleView schedule(@PathParam("id") long id, ScheduleRequest request, @QueryParam("force") String force,
                                 @Context SecurityContext security) {
        preflight.beforeSchedule(id, force, security.isUserInRole(Roles.ADMIN));
        return schedules.set(id, request);
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "the schedule is cleared; runs already sent stay")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @DELETE
    @Path("/{id}/schedule")
    public Response clearSchedule(@PathParam("id") long id) {
        schedules.clear(id);
        return Response.noContent().build();
    }

    @APIResponse(responseCode = "200", description = "{page, size, total, items}")
    @APIResponse(responseCode = "400", description = "status, page or size is invalid")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @GET
    @Path("/{id}/deliveries")
    public DeliveryPage deliveries(@PathParam("id") long id, @QueryParam("status") String status,
                                   @QueryParam("page") @DefaultValue("0") int page,
                                   @QueryParam("size") @DefaultValue("100") int size) {
        campaigns.find(id);
        if (page < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        DeliveryStatus s = parseStatus(status);
        return new DeliveryPage(page, size, deliveries.total(id, s), deliveries.list(id, s, page, size));
    }

    private static DeliveryStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "status '" + status + "' is not one of "
                    + java.util.Arrays.toString(DeliveryStatus.values()));
        }
    }
}

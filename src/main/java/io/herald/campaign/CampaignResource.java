package io.herald.campaign;

import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.DeliveryStore;
import io.herald.platform.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;

/** /campaigns: create, read, send, pause, resume, cancel, and the delivery rows. */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    CampaignService campaigns;

    @Inject
    DeliveryStore deliveries;

    @POST
    public Response create(CampaignRequest request) {
        Campaign c = campaigns.create(request);
        return Response.status(201).entity(Map.of("id", c.getId())).build();
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") long id) {
        return campaigns.view(id);
    }

    @POST
    @Path("/{id}/send")
    public Response send(@PathParam("id") long id) {
        return Response.accepted(Map.of("executionId", campaigns.launch(id))).build();
    }

    @POST
    @Path("/{id}/pause")
    public Response pause(@PathParam("id") long id) {
        return Response.accepted(Map.of("executionId", campaigns.pause(id))).build();
    }

    @POST
    @Path("/{id}/resume")
    public Response resume(@PathParam("id") long id) {
        return Response.accepted(Map.of("executionId", campaigns.resume(id))).build();
    }

    @POST
    @Path("/{id}/cancel")
    public Map<String, Object> cancel(@PathParam("id") long id) {
        return Map.of("id", id, "status", CampaignStatus.CANCELLED, "cancelledDeliveries", campaigns.cancel(id));
    }

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

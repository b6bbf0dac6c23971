package io.herald.stats;

import io.herald.campaign.CampaignService;
import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** GET /campaigns/{id}/stats: success rate, SMTP latency, throughput and the top failure reasons of a campaign. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/campaigns/{id}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignStatsResource {

    @Inject
    CampaignService campaigns;

    @Inject
    CampaignStatsQueries queries;

    @APIResponse(responseCode = "200", description = "{campaignId, campaignStatus, deliveries, byStatus, successRate:"
            + " {sent, finished, rate}, latency: {attempts, averageMs, p95Ms, maxMs}, throughput: {accepted,"
            + " firstSentAt, lastSentAt, seconds, messagesPerSecond}, topFailureReasons: [{smtpCode, enhancedCode,"
            + " pattern, count}], definitions}")
    @APIResponse(responseCode = "404", description = "no such campaign")
    @GET
    @Transactional
    public CampaignStats stats(@PathParam("id") long id) {
        String status = campaigns.find(id).getStatus().name();
        return queries.of(id, status);
    }
}

package io.herald.audit;

import io.herald.platform.ApiException;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * GET /audit (a page of SMTP attempts), GET /audit/export (all of them as CSV), POST /audit/purge (run purge-audit
 * now), GET /audit/purge/{executionId}. Admins and operators read the audit log (an operator answers "did this
 * recipient get our mail?"); only an admin purges it.
 */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_BATCH_SIZE = 10_000;

    @Inject
    AuditLog log;

    @Inject
    PurgeAuditJob purge;

    @APIResponse(responseCode = "200", description = "{page, size, total, items: [{id, attemptedAt, campaignId,"
            + " deliveryId, messageId, mailFrom, rcptTo, smtpServer, replyCode, enhancedCode, replyText, outcome,"
            + " latencyMs, nodeName, kind, account}]}, oldest first")
    @APIResponse(responseCode = "400", description = "address, from, to, page or size is invalid, or to is not after from")
    @GET
    public AuditPage page(@QueryParam("address") String address, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") int page,
                          @QueryParam("size") @DefaultValue("100") int size) {
        return log.page(AuditFilter.parse(address, from, to), page, size);
    }

    @APIResponse(responseCode = "200", description = "text/csv: a header line and one line per entry, oldest first,"
            + " the columns of GET /audit's items")
    @APIResponse(responseCode = "400", description = "address, from or to is invalid, or to is not after from")
    @GET
    @Path("/export")
    @Produces("text/csv")
    public Response export(@QueryParam("address") String address, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        AuditFilter filter = AuditFilter.parse(address, from, to);      // a bad parameter is a 400, before any byte
        StreamingOutput body = out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            log.export(filter, writer);
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"herald-audit.csv\"").build();
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "202", description = "{executionId, restarted}: purge-audit started, or the last run"
            + " (stopped or failed) restarted")
    @APIResponse(responseCode = "400", description = "now, batchSize or failAfterBatches is invalid")
    @APIResponse(responseCode = "409", description = "a run is already going on this server")
    @POST
    @Path("/purge")
    public Response purge(@QueryParam("now") String now, @QueryParam("batchSize") String batchSize,
                          @QueryParam("failAfterBatches") String failAfterBatches) {
        var request = new PurgeAuditJob.Request(AuditFilter.bound("now", now, false),
                number("batchSize", batchSize, MAX_BATCH_SIZE), number("failAfterBatches", failAfterBatches, Integer.MAX_VALUE));
        return Response.accepted(purge.start(request, "POST /audit/purge")).build();
    }

    @APIResponse(responseCode = "200", description = "{executionId, status, exitStatus}: e.g. COMPLETED, \"deleted 42"
            + " audit entries attempted before 2026-05-30T00:00:00Z\"")
    @APIResponse(responseCode = "404", description = "no such purge-audit execution")
    @GET
    @Path("/purge/{executionId}")
    public JobRuns.Run run(@PathParam("executionId") long executionId) {
        return JobRuns.run(PurgeAuditJob.NAME, executionId);
    }

    /** An optional whole number from 1 to max; 400 naming the field otherwise. */
    private static Integer number(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(field, field + " must be a whole number from 1 to " + max + ", not '" + value + "'");
    }
}

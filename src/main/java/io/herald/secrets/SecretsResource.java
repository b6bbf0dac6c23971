package io.herald.secrets;

import io.herald.deliverability.DeliverabilitySettings;
import io.herald.platform.ApiException;
import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** GET /admin/secrets, POST /admin/secrets/rotate: the signing secrets' generations, and a new one. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
@RolesAllowed(Roles.ADMIN)
@Path("/admin/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

    @EJB
    ServerKeys keys;

    @APIResponse(responseCode = "200", description = "{configured, linkDays, generations: [{generation, createdAt,"
            + " signs, verifiesUntil, hashesErasures}]}, oldest first; re-reads them on this node")
    @GET
    public Map<String, Object> list() {
        ServerKeyRing.INSTANCE.reload();
        return Map.of("configured", keys.configured(), "linkDays", keys.linkWindow().toDays(),
                "generations", views(keys.generations()));
    }

    @APIResponse(responseCode = "201", description = "the new generation, which signs from now on")
    @APIResponse(responseCode = "409", description = "HERALD_UNSUBSCRIBE_SECRET is set, or another rotation ran at"
            + " the same moment")
    @POST
    @Path("/rotate")
    public Response rotate() {
        if (keys.configured()) {
            throw ApiException.conflict("secret", DeliverabilitySettings.describe(DeliverabilitySettings.UNSUBSCRIBE_SECRET)
                    + " is set and signs every link; change it on every node to rotate, or unset it to use the"
                    + " database's secrets");
        }
        SigningSecret made;
        try {
            made = keys.rotate();
        } catch (SQLException e) {
            throw ApiException.conflict("secret", "another rotation ran at the same moment: "
                    + "see GET /admin/secrets");
        }
        SecretView view = views(keys.generations()).stream().filter(v -> v.generation() == made.generation())
                .findFirst().orElseThrow();
        return Response.status(201).entity(view).build();
    }

    private List<SecretView> views(List<SigningSecret> generations) {
        List<SecretView> views = new ArrayList<>();
        for (int i = 0; i < generations.size(); i++) {
            SigningSecret s = generations.get(i);
            boolean newest = i == generations.size() - 1;
            views.add(new SecretView(s.generation(), s.createdAt(), newest && !keys.configured(),
                    newest ? null : generations.get(i + 1).createdAt().plus(keys.linkWindow()),
                    i == 0 && !keys.configured()));
        }
        return views;
    }
}

package io.herald.account;

import io.herald.health.AccountHealth;
import io.herald.health.SmtpHealthCheck;
import io.herald.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** /accounts: the sending accounts campaigns may choose, with the health of their servers. */
@APIResponse(responseCode = "401", description = "no valid credentials")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    SendingAccounts accounts;

    @Inject
    @Readiness
    SmtpHealthCheck health;

    @APIResponse(responseCode = "200", description = "[{name, isDefault, jndiName, host, port, tls, signIn, mailbox,"
            + " health: {status, error, warning, checkedAt}}], the default account first")
    @GET
    public List<AccountView> list() {
        Map<String, AccountHealth> byAccount = health.byAccount();
        return accounts.all().stream()
                .map(a -> AccountView.of(a, byAccount.getOrDefault(a.name(), AccountHealth.UNKNOWN)))
                .toList();
    }
}

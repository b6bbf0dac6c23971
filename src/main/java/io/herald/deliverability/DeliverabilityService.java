package io.herald.deliverability;

import io.herald.secrets.ServerKeys;
import jakarta.ejb.EJB;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Herald's one Deliverability, built from the server's settings when the application starts, so a wrong setting
 * (an unreadable DKIM key, a short unsubscribe secret) stops the deployment with a message naming it. It signs with
 * the server's key ring (secrets/ServerKeys, which makes the first secret in the database before this is built).
 */
@ApplicationScoped
public class DeliverabilityService {

    @EJB
    ServerKeys keys;

    private Deliverability deliverability;

    @PostConstruct
    void init() {
        deliverability = new Deliverability(DeliverabilitySettings.fromSystemProperties(), keys.ring());
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        deliverability.unsubscribeTokens();             // touching the bean builds it now, not at the first send
    }

    public Deliverability get() {
        return deliverability;
    }
}

package io.herald.deliverability;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Herald's one Deliverability, built from the server's settings when the application starts, so a wrong setting
 * (an unreadable DKIM key, a short unsubscribe secret) stops the deployment with a message naming it.
 */
@ApplicationScoped
public class DeliverabilityService {

    private Deliverability deliverability;

    @PostConstruct
    void init() {
        deliverability = new Deliverability(DeliverabilitySettings.fromSystemProperties());
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        deliverability.unsubscribeTokens();             // touching the bean builds it now, not at the first send
    }

    public Deliverability get() {
        return deliverability;
    }
}

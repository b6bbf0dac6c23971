package io.herald.campaign;

import io.herald.delivery.DeliveryRetry;
import io.herald.delivery.DeliveryStatus;
import io.herald.platform.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Body of POST /campaigns/{id}/retry: which deliveries of the completed campaign to send again, FAILED and/or UNKNOWN. */
public record RetryRequest(List<String> statuses) {

    /** The statuses asked for; 400 naming "statuses" when none is given or one is not FAILED or UNKNOWN. */
    Set<DeliveryStatus> checked() {
        if (statuses == null || statuses.isEmpty()) {
            throw ApiException.badRequest("statuses", "statuses is required: the deliveries to send again, e.g."
                    + " [\"FAILED\", \"UNKNOWN\"]");
        }
        Set<DeliveryStatus> checked = EnumSet.noneOf(DeliveryStatus.class);
        for (String s : statuses) {
            DeliveryStatus status = parse(s);
            if (status == null || !DeliveryRetry.RETRYABLE.contains(status)) {
                throw ApiException.badRequest("statuses", "statuses may hold FAILED and UNKNOWN only, not '" + s + "'");
            }
            checked.add(status);
        }
        return checked;
    }

    private static DeliveryStatus parse(String s) {
        try {
            return s == null ? null : DeliveryStatus.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

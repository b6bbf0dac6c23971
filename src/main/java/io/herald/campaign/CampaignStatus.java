package io.herald.campaign;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's life: DRAFT → RUNNING ⇄ PAUSED → COMPLETED | CANCELLED | FAILED, and COMPLETED → RUNNING by a retry;
 * the only place transitions are defined.
 */
public enum CampaignStatus {
    DRAFT, RUNNING, PAUSED, COMPLETED, CANCELLED, FAILED;

    // FAILED → RUNNING is the restart of a failed job execution (JobOperator.restart): the campaign resumes
    // from its checkpoint. COMPLETED → RUNNING is a retry (POST /campaigns/{id}/retry): a new execution sends its
    // FAILED or UNKNOWN deliveries again. COMPLETED and CANCELLED are final: no job runs for them, and only an
    // operator's retry moves a COMPLETED one.
    private static final Map<CampaignStatus, Set<CampaignStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(PAUSED, COMPLETED, CANCELLED, FAILED),
            PAUSED, EnumSet.of(RUNNING, CANCELLED),
            FAILED, EnumSet.of(RUNNING, CANCELLED),
            COMPLETED, EnumSet.of(RUNNING),
            CANCELLED, EnumSet.noneOf(CampaignStatus.class));

    public boolean canMoveTo(CampaignStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The statuses a campaign may be in to move to this one. */
    public Set<CampaignStatus> allowedFrom() {
        Set<CampaignStatus> from = EnumSet.noneOf(CampaignStatus.class);
        for (CampaignStatus s : values()) {
            if (s.canMoveTo(this)) {
                from.add(s);
            }
        }
        return from;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}

package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * How many partitions send a campaign: the job parameter "partitions" if given, else the campaign's own setting,
 * else the server's HERALD_SEND_PARTITIONS (system property herald.send.partitions, default 4). The count is fixed
 * on the campaign row at its first execution, so every restart splits the deliveries the same way and each
 * partition resumes from its own checkpoint.
 */
@ApplicationScoped
public class SendPartitions {

    static final String PROPERTY = "herald.send.partitions";
    static final int DEFAULT = 4;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The campaign's partition count, fixing it now if this is its first execution. */
    @Transactional
    public int fix(long campaignId, String jobParameter) {
        Campaign c = em.find(Campaign.class, campaignId);
        if (c == null) {
            throw new IllegalArgumentException("campaign " + campaignId + " does not exist");
        }
        if (c.getSendPartitions() != null) {
            return c.getSendPartitions();
        }
        int wanted = wanted(jobParameter, c.getSettings().partitions(), System.getProperty(PROPERTY));
        em.createQuery("UPDATE Campaign c SET c.sendPartitions = :n WHERE c.id = :id AND c.sendPartitions IS NULL")
                .setParameter("n", wanted)
                .setParameter("id", campaignId)
                .executeUpdate();
        em.refresh(c);
        return c.getSendPartitions();
    }

    /** The count asked for: the job parameter, the campaign setting (0 = none) or the server property, in that order. */
    static int wanted(String jobParameter, int campaignSetting, String serverProperty) {
        if (jobParameter != null && !jobParameter.isBlank()) {
            return checked("job parameter partitions", jobParameter);
        }
        if (campaignSetting > 0) {
            return campaignSetting;
        }
        if (serverProperty != null && !serverProperty.isBlank()) {
            return checked("system property " + PROPERTY + " (HERALD_SEND_PARTITIONS)", serverProperty);
        }
        return DEFAULT;
    }

    private static int checked(String what, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= CampaignSettings.MAX_PARTITIONS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a number from 1 to " + CampaignSettings.MAX_PARTITIONS
                + ", not '" + text + "'");
    }
}

package io.herald.delivery;

import io.herald.cluster.NodeRegistry;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * Splits the send step into the campaign's partitions (SendPartitions): each reserves and sends its own groups of
 * deliveries (DeliveryReader), on its own thread and SMTP connection, counting its status changes on this node's own
 * counter rows of that partition (created here, before the partitions start). Not overridden on restart: a restarted step resumes
 * each unfinished partition from its own checkpoint.
 */
@Named
@Dependent
public class SendPartitionMapper implements PartitionMapper {

    /** Partition properties read by DeliveryReader. */
    static final String PARTITION = "partition";
    static final String PARTITIONS = "partitions";

    @Inject
    JobContext jobContext;

    @Inject
    SendPartitions partitions;

    @Inject
    DeliveryCounters counters;

    @Inject
    NodeRegistry node;

    @Override
    public PartitionPlan mapPartitions() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        int n = partitions.fix(campaignId, jobContext.getProperties().getProperty(PARTITIONS));
        counters.open(campaignId, DeliveryCounters.partition(node.id(), 0), DeliveryCounters.partition(node.id(), n - 1));
        Properties[] properties = new Properties[n];
        for (int k = 0; k < n; k++) {
            properties[k] = new Properties();
            properties[k].setProperty(PARTITION, Integer.toString(k));
            properties[k].setProperty(PARTITIONS, Integer.toString(n));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(n);
        plan.setPartitionsOverride(false);
        plan.setPartitionProperties(properties);
        return plan;
    }
}

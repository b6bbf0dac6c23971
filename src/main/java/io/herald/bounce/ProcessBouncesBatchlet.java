package io.herald.bounce;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import org.jboss.logging.Logger;

/**
 * Step "process" of process-bounces: one BounceRun over the mailbox of BounceSettings. Its exit status (and the
 * job's) is the run's tally, e.g. "HARD 3, SOFT 2, SOFT_LIMIT 0, UNMATCHED 0, UNCLASSIFIED 1; left 0". An
 * unreachable server or a refused login fails the execution, its exit status "FAILED: " and what failed, naming
 * the server; the next run tries again.
 */
@Named
@Dependent
public class ProcessBouncesBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ProcessBouncesBatchlet.class);
    /** JBeret's job repository keeps exit statuses in a VARCHAR(512). */
    private static final int MAX_EXIT_STATUS = 500;

    /** Messages read per run at most (default 500 in the job XML): bounds one run's length; the next goes on. */
    @Inject
    @BatchProperty
    String maxMessages;

    @Inject
    JobContext jobContext;

    @Inject
    BounceParser parser;

    @Inject
    BounceRecorder recorder;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        BounceSettings settings = BounceSettings.fromSystemProperties();
        BounceSettings.Imap imap = settings.imap().orElseThrow(() -> new IllegalStateException(
                "no bounce mailbox is configured: set " + BounceSettings.describe(BounceSettings.HOST)));
        int max = maxMessages();
        BounceRun.Tally tally;
        try (BounceMailbox mailbox = BounceMailbox.open(imap)) {
            tally = new BounceRun(parser, recorder, settings.softLimit(), () -> stopRequested).run(mailbox, max);
        } catch (MessagingException | RuntimeException e) {
            // shown by GET /bounces/process/{id}; what was recorded before the failure stays recorded
            jobContext.setExitStatus(BounceEvent.fit("FAILED: " + e.getMessage(), MAX_EXIT_STATUS));
            throw e;
        }
        String summary = tally.describe();
        LOG.infof("bounce mailbox %s read: %s", imap, summary);
        jobContext.setExitStatus(summary);
        return summary;
    }

    @Override
    public void stop() {
        stopRequested = true;                          // the run ends after the message it is on
    }

    private int maxMessages() {
        try {
            int max = Integer.parseInt(maxMessages == null ? "500" : maxMessages.trim());
            if (max < 1) {
                throw new NumberFormatException();
            }
            return max;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job parameter maxMessages must be a whole number of 1 or more, not '"
                    + maxMessages + "'");
        }
    }
}

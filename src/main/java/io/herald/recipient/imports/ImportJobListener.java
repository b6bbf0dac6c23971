package io.herald.recipient.imports;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Keeps the import's status in step with its job execution, however the job was started, stopped or restarted (REST,
 * the management console, jboss-cli): RUNNING when it starts, STOPPED when stopped, FAILED with the reason, COMPLETED
 * when every row was read. A completed upload's file is deleted: nothing will read it again. (The counts move with
 * each chunk, in its transaction: ImportWriter.)
 */
@Named
@Dependent
public class ImportJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(ImportJobListener.class);

    @Inject
    JobContext jobContext;

    @Inject
    ImportStore store;

    @Inject
    Clock clock;

    @Override
    public void beforeJob() {
        long importId = ImportRecipientsJob.importId(jobContext);
        long execution = jobContext.getExecutionId();
        if (!store.attachExecution(importId, execution, clock.instant())) {
            RecipientImport i = store.find(importId);
            throw new IllegalStateException("import " + importId + " cannot run in job execution " + execution + ": "
                    + (i == null ? "it does not exist" : "it is " + i.getStatus()
                    + (i.getJobExecutionId() != null ? " with job execution " + i.getJobExecutionId() : "")));
        }
    }

    @Override
    public void afterJob() {
        long importId = ImportRecipientsJob.importId(jobContext);
        long execution = jobContext.getExecutionId();
        BatchStatus status = jobContext.getBatchStatus();
        // a finished execution shows STARTED or COMPLETED here, depending on when the runtime records its end
        ImportStatus to = switch (status) {
            case STARTED, COMPLETED -> ImportStatus.COMPLETED;
            case STOPPING, STOPPED -> ImportStatus.STOPPED;
            default -> ImportStatus.FAILED;
        };
        String reason = switch (to) {
            case STOPPED -> "stopped by an operator; POST /imports/" + importId + "/restart goes on from the last checkpoint";
            case FAILED -> jobContext.getTransientUserData() instanceof String failure ? failure
                    : "job execution " + execution + " ended " + status;
            default -> null;
        };
        if (to == ImportStatus.COMPLETED) {
            deleteUpload(store.find(importId));     // first: whoever sees COMPLETED finds the upload gone
        }
        if (!store.endExecution(importId, execution, to, reason, clock.instant())) {
            return;
        }
        RecipientImport i = store.find(importId);
        String file = ImportReader.describe(i);
        if (to == ImportStatus.FAILED) {
            LOG.warnf("import %d of %s into list %d FAILED after %d rows: %s", importId, file, i.getListId(), i.getRowsRead(), reason);
        } else {
            LOG.infof("import %d of %s into list %d %s: %d rows read, %d added, %d rejected", importId, file, i.getListId(),
                    to, i.getRowsRead(), i.getAdded(), i.getRejected());
        }
    }

    /** A completed execution cannot be restarted: nothing will read its upload again. */
    private static void deleteUpload(RecipientImport i) {
        if (!i.isUploaded()) {
            return;
        }
        try {
            Files.deleteIfExists(i.getSource());
        } catch (IOException e) {
            LOG.warnf("import %d completed, but its uploaded file %s could not be deleted: %s", i.getId(), i.getSource(), e);
        }
    }
}

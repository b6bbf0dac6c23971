package io.herald.recipient.imports;

import java.util.EnumSet;
import java.util.Set;

/** Where an import stands; ImportStore changes it with conditional updates, ImportJobListener keeps it in step with the job. */
public enum ImportStatus {
    /** Created, its job started but not running yet. */
    PENDING,
    /** Its job execution is reading the file. */
    RUNNING,
    /** Stopped by an operator at a checkpoint; POST /imports/{id}/restart goes on from there. */
    STOPPED,
    /** Every row was read: added or rejected. */
    COMPLETED,
    /** The job failed (statusReason says why); POST /imports/{id}/restart goes on from the last checkpoint. */
    FAILED;

    /** The statuses an import can be (re)started from. */
    static final Set<ImportStatus> RESTARTABLE = EnumSet.of(STOPPED, FAILED);
    /** The statuses in which its job may be running, so it can be asked to stop. */
    static final Set<ImportStatus> ACTIVE = EnumSet.of(PENDING, RUNNING);
}

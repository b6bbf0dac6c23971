package io.herald.recipient.imports;

import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/** The import-recipients job: its name (batch-jobs/import-recipients.xml) and its one required parameter. */
public final class ImportRecipientsJob {

    /** Job XML name and job id: batch-jobs/import-recipients.xml, {@code <job id="import-recipients">}. */
    public static final String NAME = "import-recipients";
    /** Job parameter: the id of the recipient_import row, which names the list and the file. */
    public static final String IMPORT_ID = "importId";

    private ImportRecipientsJob() {
    }

    public static Properties parameters(long importId) {
        Properties p = new Properties();
        p.setProperty(IMPORT_ID, Long.toString(importId));
        return p;
    }

    /** The import this execution runs (the job XML copies the parameter into a job property). */
    public static long importId(JobContext job) {
        String value = job.getProperties().getProperty(IMPORT_ID);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job parameter " + IMPORT_ID + " is required, e.g. importId=7");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job parameter " + IMPORT_ID + " must be a number, not '" + value + "'");
        }
    }
}

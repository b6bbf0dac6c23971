package io.herald.recipient.imports;

import io.herald.platform.ApiException;
import io.herald.recipient.RecipientService;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts CSV imports into a list, from an upload or a file on the server, after checking what can be checked at once
 * (size, header); stops and restarts their import-recipients job executions; reads their state and rejection report.
 * A refused file leaves nothing behind: no import row, no job, no kept upload.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final int MAX_PAGE_SIZE = 1000;
    /** recipient_import.file_name is VARCHAR(255). */
    private static final int MAX_FILE_NAME_CHARS = 255;

    @Inject
    ImportStore store;

    @Inject
    ImportFiles files;

    @Inject
    RecipientService recipients;

    @Inject
    Clock clock;

    /** POST /lists/{id}/imports (multipart/form-data, part "file"): keeps the file, checks its header, starts the job. */
    public ImportStarted upload(long listId, EntityPart file) {
        recipients.findList(listId);
        if (file == null) {
            throw ApiException.badRequest("file", "a multipart/form-data part named 'file' holding the CSV is required");
        }
        String name = fileName(file);
        Path stored = files.storeUpload(file.getContent());
        try {
            checkHeader(stored, "file", "'" + name + "'");
        } catch (RuntimeException e) {
            files.delete(stored);
            throw e;
        }
        return launch(listId, stored, true, name);
    }

    /** POST /lists/{id}/imports {"path": ...}: checks the server file and its header, starts the job. */
    public ImportStarted serverFile(long listId, ImportRequest request) {
        recipients.findList(listId);
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON object {\"path\": \"/absolute/path.csv\"} is required");
        }
        Path file = files.serverFile(request.path());
        checkHeader(file, "path", "'" + request.path() + "'");
        return launch(listId, file, false, file.getFileName().toString());
    }

    private static void checkHeader(Path file, String field, String name) {
        try {
            CsvRecords.header(file);
        } catch (InvalidCsvException e) {
            throw ApiException.badRequest(field, name + " cannot be imported: " + e.getMessage());
        } catch (IOException e) {
            throw ApiException.badRequest(field, "cannot read " + name + ": " + e.getMessage());
        }
    }

    private ImportStarted launch(long listId, Path file, boolean uploaded, String name) {
        RecipientImport i = store.create(listId, file, uploaded, name, files.size(file), clock.instant());
        try {
            long execution = operator().start(ImportRecipientsJob.NAME, ImportRecipientsJob.parameters(i.getId()));
            store.recordExecution(i.getId(), execution);
            LOG.infof("import %d of %s into list %d started as job execution %d", i.getId(), ImportReader.describe(i),
                    listId, execution);
            return new ImportStarted(i.getId(), execution);
        } catch (RuntimeException e) {
            store.failToStart(i.getId(), "the " + ImportRecipientsJob.NAME + " job could not start: " + e.getMessage(),
                    clock.instant());
            throw e;
        }
    }

    /** The name the client gave the upload, without any directory; "upload.csv" when it gave none. */
    private static String fileName(EntityPart part) {
        String name = part.getFileName().orElse("").replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").trim();
        name = name.isEmpty() ? "upload.csv" : name;
        return name.length() <= MAX_FILE_NAME_CHARS ? name : name.substring(0, MAX_FILE_NAME_CHARS);
    }

    public RecipientImport find(long id) {
        RecipientImport i = store.find(id);
        if (i == null) {
            throw ApiException.notFound("import", id);
        }
        return i;
    }

    public ImportView view(long id) {
        return ImportView.of(find(id));
    }

    public RejectionPage rejections(long id, int page, int size) {
        find(id);
        if (page < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        List<RejectionPage.Item> items = store.rejections(id, page, size).stream().map(RejectionPage.Item::of).toList();
        return new RejectionPage(page, size, store.rejectionCount(id), items);
    }

    /** POST /imports/{id}/stop: asks the running execution to stop; the import becomes STOPPED at its next checkpoint. */
    public long stop(long id) {
        RecipientImport i = find(id);
        if (!ImportStatus.ACTIVE.contains(i.getStatus()) || i.getJobExecutionId() == null) {
            throw ApiException.conflict("status", "import " + id + " is " + i.getStatus() + "; only a RUNNING import can be stopped");
        }
        try {
            operator().stop(i.getJobExecutionId());
        } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
            throw ApiException.conflict("status", "import " + id + " cannot be stopped: " + e.getMessage());
        }
        LOG.infof("import %d: stop requested for job execution %d", id, i.getJobExecutionId());
        return i.getJobExecutionId();
    }

    /** POST /imports/{id}/restart: restarts a stopped or failed import from its last checkpoint. */
    public ImportStarted restart(long id) {
        RecipientImport i = find(id);
        if (!ImportStatus.RESTARTABLE.contains(i.getStatus())) {
            throw ApiException.conflict("status", "import " + id + " is " + i.getStatus()
                    + "; only a STOPPED or FAILED import can be restarted");
        }
        try {
            long execution = i.getJobExecutionId() == null
                    ? operator().start(ImportRecipientsJob.NAME, ImportRecipientsJob.parameters(id))
                    : operator().restart(i.getJobExecutionId(), ImportRecipientsJob.parameters(id));
            LOG.infof("import %d restarted as job execution %d", id, execution);
            return new ImportStarted(id, execution);
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException
                 | NoSuchJobExecutionException e) {
            throw ApiException.conflict("status", "import " + id + " cannot be restarted: " + e.getMessage());
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}

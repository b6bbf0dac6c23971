package io.herald.recipient.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.file.Path;
import java.time.Instant;

/** One CSV import into a list: the file it reads, its job execution, its status and its counts. */
@Entity
@Table(name = "recipient_import")
public class RecipientImport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "list_id")
    private long listId;

    @Enumerated(EnumType.STRING)
    private ImportStatus status;

    @Column(name = "source_path")
    private String sourcePath;

    private boolean uploaded;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "file_bytes")
    private long fileBytes;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "rows_read")
    private long rowsRead;

    private long added;

    private long rejected;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected RecipientImport() {
    }

    /** A PENDING import of {@code source} (an upload Herald keeps, or a file on the server) into the list. */
    public RecipientImport(long listId, Path source, boolean uploaded, String fileName, long fileBytes, Instant createdAt) {
        if (!source.isAbsolute()) {
            throw new IllegalArgumentException("an import reads a file by its absolute path, not " + source);
        }
        this.listId = listId;
        this.status = ImportStatus.PENDING;
        this.sourcePath = source.toString();
        this.uploaded = uploaded;
        this.fileName = fileName;
        this.fileBytes = fileBytes;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getListId() {
        return listId;
    }

    public ImportStatus getStatus() {
        return status;
    }

    public Path getSource() {
        return Path.of(sourcePath);
    }

    public boolean isUploaded() {
        return uploaded;
    }

    public String getFileName() {
        return fileName;
    }

    public long getFileBytes() {
        return fileBytes;
    }

    public Long getJobExecutionId() {
        return jobExecutionId;
    }

    public long getRowsRead() {
        return rowsRead;
    }

    public long getAdded() {
        return added;
    }

    public long getRejected() {
        return rejected;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}

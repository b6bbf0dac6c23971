package io.herald.recipient.imports;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * Reads the import's file one record at a time (CsvRecords): opens it, reads its header, and on a restart goes
 * straight to the checkpoint's byte offset, so the file is never in memory and no record is read twice. Refuses a
 * file whose size changed since the import was created: its offsets would point anywhere.
 */
@Named
@Dependent
public class ImportReader extends AbstractItemReader {

    @Inject
    JobContext jobContext;

    @Inject
    ImportStore store;

    private String file;
    private CsvRecords records;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        long importId = ImportRecipientsJob.importId(jobContext);
        RecipientImport i = store.find(importId);
        if (i == null) {
            throw new IllegalStateException("import " + importId + " does not exist");
        }
        file = describe(i);
        long size;
        try {
            size = Files.size(i.getSource());
        } catch (NoSuchFileException e) {
            throw new IOException("the file " + file + " no longer exists", e);
        }
        if (size != i.getFileBytes()) {
            throw new IOException(String.format("the file %s changed since import %d was created (%,d bytes then, %,d now);"
                    + " import it again as a new import", file, importId, i.getFileBytes(), size));
        }
        try {
            records = CsvRecords.open(i.getSource(), (ImportCheckpoint) checkpoint);
        } catch (InvalidCsvException e) {
            throw new InvalidCsvException(file + ": " + e.getMessage());
        }
    }

    @Override
    public Object readItem() throws IOException {
        try {
            return records.next();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " at line " + records.position().line() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return records.position();
    }

    @Override
    public void close() throws IOException {
        if (records != null) {
            records.close();
        }
    }

    /** How logs and reasons name the file: an upload by its name and where Herald keeps it, a server file by its path. */
    static String describe(RecipientImport i) {
        return i.isUploaded() ? "'" + i.getFileName() + "' (uploaded, kept as " + i.getSource() + ")" : i.getSource().toString();
    }
}

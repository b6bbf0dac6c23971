package io.herald.recipient.imports;

import io.herald.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Where import files live and how large they may be. An upload is copied to the server's data directory
 * (herald/imports/) before its job starts, so a restart can read it again; a file already on the server is read where
 * it is, if it lies in the import source directory.
 *
 * <p>System properties (wildfly-config): {@code herald.import.max-bytes} (HERALD_IMPORT_MAX_BYTES, default 104857600 =
 * 100 MiB), the largest file accepted; {@code herald.import.source-dir} (HERALD_IMPORT_SOURCE_DIR, default
 * {@code <data dir>/herald/import-files}), the only directory whose files {"path": ...} may import: without it an API
 * user could have Herald read any file the server can, and see its lines in the rejection report.
 */
@ApplicationScoped
public class ImportFiles {

    private static final Logger LOG = Logger.getLogger(ImportFiles.class);

    static final String MAX_BYTES_PROPERTY = "herald.import.max-bytes";
    static final long DEFAULT_MAX_BYTES = 104_857_600L;
    static final String SOURCE_DIR_PROPERTY = "herald.import.source-dir";

    /** The largest import file accepted, in bytes. */
    public long maxBytes() {
        String value = System.getProperty(MAX_BYTES_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("system property " + MAX_BYTES_PROPERTY + " must be a number of bytes, not '" + value + "'");
        }
    }

    /** Where uploads are kept: jboss.server.data.dir/herald/imports. */
    Path uploadDir() {
        return dataDir().resolve("herald").resolve("imports");
    }

    /** The directory {"path": ...} imports may read from. */
    Path sourceDir() {
        String dir = System.getProperty(SOURCE_DIR_PROPERTY);
        return dir == null || dir.isBlank() ? dataDir().resolve("herald").resolve("import-files") : Path.of(dir.trim());
    }

    private static Path dataDir() {
        String dir = System.getProperty("jboss.server.data.dir");
        if (dir == null) {
            throw new IllegalStateException("system property jboss.server.data.dir is not set: Herald runs in WildFly");
        }
        return Path.of(dir);
    }

    /**
     * Copies an uploaded file to the upload directory and returns where; refuses it (400, nothing kept) once it
     * passes maxBytes.
     */
    public Path storeUpload(InputStream content) {
        long max = maxBytes();
        Path target;
        try {
            Files.createDirectories(uploadDir());
            target = uploadDir().resolve(UUID.randomUUID() + ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + uploadDir() + ": " + e.getMessage(), e);
        }
        try (InputStream in = content;
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw tooLarge("file", "the file", max);
                }
                out.write(buffer, 0, n);
            }
            return target;
        } catch (IOException e) {
            delete(target);
            throw new UncheckedIOException("cannot store the uploaded file as " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(target);
            throw e;
        }
    }

    /**
     * The file a {"path": ...} import reads: an absolute path to a readable regular file inside the source directory
     * (symbolic links resolved), at most maxBytes; otherwise 400 naming the problem.
     */
    public Path serverFile(String path) {
        if (path == null || path.isBlank()) {
            throw ApiException.badRequest("path", "path is required: the absolute path of a CSV file on the server");
        }
        Path given;
        try {
            given = Path.of(path.trim());
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("path", "path '" + path + "' is not a valid path: " + e.getMessage());
        }
        if (!given.isAbsolute()) {
            throw ApiException.badRequest("path", "path '" + path + "' must be absolute");
        }
        Path real;
        Path dir;
        try {
            real = given.toRealPath();
            dir = sourceDir().toRealPath();
        } catch (IOException e) {
            throw ApiException.badRequest("path", "no file at '" + path + "' inside the import directory " + sourceDir()
                    + " (" + SOURCE_DIR_PROPERTY + ")");
        }
        if (!real.startsWith(dir)) {
            throw ApiException.badRequest("path", "path '" + path + "' is outside the import directory " + dir
                    + "; Herald imports server files only from there (" + SOURCE_DIR_PROPERTY + ")");
        }
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw ApiException.badRequest("path", "'" + path + "' is not a file Herald can read");
        }
        long max = maxBytes();
        if (size(real) > max) {
            throw tooLarge("path", "'" + path + "'", max);
        }
        return real;
    }

    public long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes an upload that will not be imported (a failure is only logged); a file on the server is never touched. */
    public void delete(Path upload) {
        if (!upload.startsWith(uploadDir())) {
            return;
        }
        try {
            Files.deleteIfExists(upload);
        } catch (IOException e) {
            LOG.warnf("cannot delete the refused upload %s: %s", upload, e);
        }
    }

    private static ApiException tooLarge(String field, String what, long max) {
        return ApiException.badRequest(field, String.format("%s is larger than the import limit of %,d bytes (%s)",
                what, max, "HERALD_IMPORT_MAX_BYTES"));
    }
}

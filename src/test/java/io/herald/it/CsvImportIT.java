package io.herald.it;

import io.herald.it.support.ItPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi.Reply;
import io.herald.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV imports through the REST API against the real server: every good row of a large file lands in the list once,
 * every bad row is reported with its line; a file the job could not use is refused at once and leaves nothing; an
 * import stopped in the middle and restarted adds each row exactly once.
 */
class CsvImportIT extends HeraldIT {

    private static final URI API = ItPorts.http("/herald/api/");
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String HEADER = "email,name,code,city";
    /** HTTP BASIC as the test server's herald-admin user, as HeraldApi sends it (see it-config in pom.xml). */
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString((System.getProperty("it.admin.user")
            + ":" + System.getProperty("it.admin.password")).getBytes(StandardCharsets.UTF_8));

    /** Each kind of bad row sits at its own position modulo 100: 1 % of the file each. */
    private enum Bad {
        MALFORMED_ADDRESS(10, "is invalid"),
        ALREADY_IN_THE_LIST(20, "is already in the list"),
        EARLIER_IN_THE_FILE(30, "appears earlier in this file"),
        FIELD_TOO_LONG(40, "name is longer than 200 characters"),
        WRONG_COLUMN_COUNT(50, "the row has 5 fields; the header has 4"),
        INVALID_UTF8(60, "invalid UTF-8");

        final int position;
        final String reason;

        Bad(int position, String reason) {
            this.position = position;
            this.reason = reason;
        }

        static Bad at(int row) {
            return Stream.of(values()).filter(b -> b.position == row % 100).findFirst().orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void aHundredThousandRowUploadAddsEveryGoodRowAndReportsEveryBadRowByItsLine() throws IOException {
        int n = 100_000;
        long listId = emptyList();
        Set<String> inList = preloadTheAddressesOfBadRows(listId, n);
        Set<String> good = new HashSet<>();
        Map<Long, Bad> bad = new HashMap<>();
        Path csv = tmp.resolve("customers.csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv))) {
            out.write(BOM);                                        // UTF-8 with a byte order mark, CRLF line ends
            out.write(utf8(HEADER + "\r\n"));
            for (int i = 0; i < n; i++) {
                long line = i + 2L;                                 // the header is line 1
                Bad kind = Bad.at(i);
                if (kind != null) {
                    bad.put(line, kind);
                } else {
                    good.add(address(i));
                }
                out.write(row(i, kind));
                out.write(utf8("\r\n"));
            }
        }

        long importId = api.expect(202, upload(listId, csv)).id();
        JsonObject done = awaitImport(importId, "COMPLETED");

        assertEquals(n, done.getJsonNumber("rowsRead").longValue(), done.toString());
        assertEquals(good.size(), done.getJsonNumber("added").longValue(), done.toString());
        assertEquals(bad.size(), done.getJsonNumber("rejected").longValue(), done.toString());
        Set<String> expected = new HashSet<>(good);
        expected.addAll(inList);
        assertEquals(expected, emailsInList(listId), "the list holds exactly the good rows and those it had");
        assertRecipientCountsExact(listId);

        Map<Long, JsonObject> rejections = rejections(importId);
        assertEquals(new TreeSet<>(bad.keySet()), new TreeSet<>(rejections.keySet()), "rejected line numbers");
        bad.forEach((line, kind) -> {
            String reason = rejections.get(line).getString("reason");
            assertTrue(reason.contains(kind.reason) || kind == Bad.EARLIER_IN_THE_FILE && reason.contains("already in the list"),
                    "line " + line + " (" + kind + "): " + reason);
        });
        assertEquals("not-an-address-10,Person 10,C-10,Paris", rejections.get(12L).getString("raw"));
        assertTrue(rejections.get(62L).getString("raw").contains("\uFFFD"), rejections.get(62L).toString());

        var person1 = db.rows("SELECT name, attributes FROM recipient WHERE list_id = ? AND email = ?", listId, address(1)).get(0);
        assertEquals("Person 1, \"the\" one", person1.get("name"));
        assertEquals(Json.createObjectBuilder().add("code", "C-1").add("city", "Paris").build(),
                Json.createReader(new StringReader((String) person1.get("attributes"))).readObject());
    }

    @Test
    void aFileOnTheServerIsImportedByItsPathAndLinesAreCountedAcrossQuotedLineBreaks() throws IOException {
        long listId = emptyList();
        Path csv = sourceDir().resolve(domain + ".csv");
        Files.writeString(csv, "email,name,note\n"
                + address(0) + ",Ann,plain\n"
                + address(1) + ",Bob,\"two\nlines\"\n"                // lines 3 and 4
                + "bob at " + domain + ",Broken,x\n"                 // line 5
                + address(2) + ",Eve,\"comma, inside\"\n");

        long importId = api.expect(202, api.post("lists/" + listId + "/imports",
                Json.createObjectBuilder().add("path", csv.toString()).build())).id();
        JsonObject done = awaitImport(importId, "COMPLETED");

        assertEquals(3, done.getInt("added"), done.toString());
        assertEquals(1, done.getInt("rejected"), done.toString());
        assertEquals(Set.of(address(0), address(1), address(2)), emailsInList(listId));
        JsonObject rejection = rejections(importId).get(5L);
        assertNotNull(rejection, "the bad row is reported on line 5: " + rejections(importId));
        assertEquals("bob at " + domain + ",Broken,x", rejection.getString("raw"));
        String bob = (String) db.rows("SELECT attributes FROM recipient WHERE email = ?", address(1)).get(0).get("attributes");
        assertEquals("two\nlines", Json.createReader(new StringReader(bob)).readObject().getString("note"));
        assertTrue(Files.exists(csv), "a file on the server is the operator's: Herald never deletes it");
    }

    @Test
    void aFileWithoutAnEmailColumnIsRefusedAtOnceAndNothingIsSaved() throws IOException {
        long listId = emptyList();
        Map<String, Long> before = importTableCounts();
        Set<Path> keptBefore = keptUploads();
        Path noEmail = tmp.resolve("no-email.csv");
        Files.writeString(noEmail, "name,code\nAnn,A-1\n");
        Path onServer = Files.copy(noEmail, sourceDir().resolve(domain + "-no-email.csv"));

        JsonObject uploaded = api.expect(400, upload(listId, noEmail)).object();
        assertEquals("file", uploaded.getString("field"));
        assertTrue(uploaded.getString("error").contains("no 'email' column (its columns: name, code)"), uploaded.toString());
        JsonObject byPath = api.expect(400, api.post("lists/" + listId + "/imports",
                Json.createObjectBuilder().add("path", onServer.toString()).build())).object();
        assertEquals("path", byPath.getString("field"));
        assertTrue(byPath.getString("error").contains("no 'email' column"), byPath.toString());
        api.expect(404, upload(Long.MAX_VALUE, noEmail));

        assertEquals(before, importTableCounts(), "no import row, no rejection");
        assertEquals(keptBefore, keptUploads(), "the refused upload is not kept");
        assertEquals(0, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedAtOnce() throws IOException {
        long listId = emptyList();
        Map<String, Long> before = importTableCounts();
        Path huge = sourceDir().resolve(domain + "-huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(104_857_600L + 1);                         // sparse: one byte over the default limit
        }
        try {
            JsonObject refused = api.expect(400, api.post("lists/" + listId + "/imports",
                    Json.createObjectBuilder().add("path", huge.toString()).build())).object();
            assertEquals("path", refused.getString("field"));
            assertTrue(refused.getString("error").contains("larger than the import limit"), refused.toString());
            assertEquals(before, importTableCounts());
        } finally {
            Files.delete(huge);
        }
    }

    @Test
    void anImportStoppedMidwayAndRestartedAddsEveryRowExactlyOnce() throws IOException {
        int n = 100_000;                                            // 100 chunks: a stop after the first is midway
        long listId = emptyList();
        Path csv = tmp.resolve("large.csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv))) {
            out.write(utf8(HEADER + "\n"));
            for (int i = 0; i < n; i++) {
                out.write(row(i, null));
                out.write('\n');
            }
        }
        long importId = api.expect(202, upload(listId, csv)).id();
        Poll.until(DEADLINE, "import " + importId + " to have read rows",
                () -> importView(importId).getJsonNumber("rowsRead").longValue() > 0 ? Boolean.TRUE : null);

        api.expect(202, api.post("imports/" + importId + "/stop"));
        JsonObject stopped = awaitImport(importId, "STOPPED");
        long read = stopped.getJsonNumber("rowsRead").longValue();
        assertTrue(read > 0 && read < n, "stopped midway: " + stopped);
        assertEquals(read, stopped.getJsonNumber("added").longValue(), stopped.toString());
        assertEquals(read, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId),
                "what the stopped import counts is what it committed");

        // the import is STOPPED once its job listener has run; the batch runtime marks the execution STOPPED a moment
        // later, and until then refuses to restart it (409)
        Poll.until(DEADLINE, "import " + importId + " to restart", () -> {
            Reply restart = api.post("imports/" + importId + "/restart");
            if (restart.status() == 202) {
                return restart;
            }
            api.expect(409, restart);
            return null;
        });
        JsonObject done = awaitImport(importId, "COMPLETED");

        assertEquals(n, done.getJsonNumber("rowsRead").longValue(), "no row read twice: " + done);
        assertEquals(n, done.getJsonNumber("added").longValue(), done.toString());
        assertEquals(0, done.getJsonNumber("rejected").longValue(), "no row re-read as 'already in the list': " + done);
        assertEquals(n, db.number("SELECT COUNT(DISTINCT email) FROM recipient WHERE list_id = ?", listId));
        assertEquals(n, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
        assertFalse(Files.exists(Path.of(sourcePath(importId))), "a completed upload is deleted: nothing will read it again");
    }

    /** Row i of a generated file: good, or bad of the given kind. */
    private byte[] row(int i, Bad kind) {
        String good = address(i) + ",\"Person " + i + ", \"\"the\"\" one\",C-" + i + ",Paris";
        if (kind == null) {
            return utf8(good);
        }
        return switch (kind) {
            case MALFORMED_ADDRESS -> utf8("not-an-address-" + i + ",Person " + i + ",C-" + i + ",Paris");
            case ALREADY_IN_THE_LIST -> utf8(good);
            case EARLIER_IN_THE_FILE -> utf8(address(i - 1) + ",Someone Else,C-" + i + ",Paris");
            case FIELD_TOO_LONG -> utf8(address(i) + "," + "N".repeat(201) + ",C-" + i + ",Paris");
            case WRONG_COLUMN_COUNT -> utf8(good + ",extra");
            case INVALID_UTF8 -> concat(utf8(address(i) + ",Bad "), new byte[] {(byte) 0xC3, 0x28}, utf8(" Name,C-" + i + ",Paris"));
        };
    }

    /** Adds the addresses of the ALREADY_IN_THE_LIST rows through POST /lists/{id}/recipients, before the import. */
    private Set<String> preloadTheAddressesOfBadRows(long listId, int n) {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        Set<String> added = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (Bad.at(i) == Bad.ALREADY_IN_THE_LIST) {
                entries.add(Json.createObjectBuilder().add("email", address(i)).add("name", "Earlier " + i));
                added.add(address(i));
            }
        }
        var result = api.expect(200, api.post("lists/" + listId + "/recipients", entries.build())).object();
        assertEquals(added.size(), result.getInt("added"), result.toString());
        return added;
    }

    private long emptyList() {
        return api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "import " + domain).build())).id();
    }

    private JsonObject importView(long importId) {
        return api.expect(200, api.get("imports/" + importId)).object();
    }

    @Test
    void suppressedAddressesAreRejectedByTheImportAndTheApiWithTheReason() throws IOException {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "s " + domain).build())).id();
        api.expect(201, api.post("suppressions", Json.createObjectBuilder().add("address", address(1))
                .add("reason", "hard_bounce").build()));
        api.expect(201, api.post("suppressions", Json.createObjectBuilder().add("address", address(2))
                .add("listId", listId).build()));
        Path csv = Files.createTempFile("suppressed", ".csv");
        Files.writeString(csv, "email,name\r\n" + address(0) + ",A\r\n" + address(1) + ",B\r\n" + address(2) + ",C\r\n");

        JsonObject done = awaitImport(api.expect(202, upload(listId, csv)).id(), "COMPLETED");
        Files.delete(csv);

        assertEquals(1, done.getJsonNumber("added").longValue(), done.toString());
        assertEquals(2, done.getJsonNumber("rejected").longValue(), done.toString());
        Map<Long, JsonObject> rejected = rejections(done.getJsonNumber("id").longValue());
        assertTrue(rejected.get(3L).getString("reason").contains("suppressed (HARD_BOUNCE)"), rejected.toString());
        assertTrue(rejected.get(4L).getString("reason").contains("suppressed (MANUAL)"), rejected.toString());
        assertEquals(Set.of(address(0)), emailsInList(listId));

        JsonObject viaApi = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", address(1))).build())).object();
        assertEquals(0, viaApi.getInt("added"), viaApi.toString());
        assertTrue(viaApi.getJsonArray("rejected").getJsonObject(0).getString("reason").contains("suppressed"), viaApi.toString());
    }

    /** Polls GET /imports/{id} until the import has the status; fails early if it ends in another one. */
    private JsonObject awaitImport(long importId, String status) {
        return Poll.until(DEADLINE, "import " + importId + " to be " + status, () -> {
            JsonObject view = importView(importId);
            String now = view.getString("status");
            if (!now.equals(status) && (now.equals("COMPLETED") || now.equals("FAILED"))) {
                throw new AssertionError("import " + importId + " ended " + now + " instead of " + status + ": " + view);
            }
            return now.equals(status) ? view : null;
        });
    }

    /** The whole rejection report, page by page, by line number. */
    private Map<Long, JsonObject> rejections(long importId) {
        Map<Long, JsonObject> byLine = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonObject p = api.expect(200, api.get("imports/" + importId + "/rejections?page=" + page + "&size=1000")).object();
            p.getJsonArray("items").forEach(v -> byLine.put(v.asJsonObject().getJsonNumber("line").longValue(), v.asJsonObject()));
            if ((page + 1) * 1000L >= p.getJsonNumber("total").longValue()) {
                assertEquals(p.getJsonNumber("total").longValue(), byLine.size(), "one rejection per line");
                return byLine;
            }
        }
    }

    private Set<String> emailsInList(long listId) {
        return db.rows("SELECT email FROM recipient WHERE list_id = ?", listId).stream()
                .map(r -> (String) r.get("email"))
                .collect(Collectors.toSet());
    }

    private Map<String, Long> importTableCounts() {
        return Map.of("recipient_import", db.number("SELECT COUNT(*) FROM recipient_import"),
                "recipient_import_rejection", db.number("SELECT COUNT(*) FROM recipient_import_rejection"));
    }

    /** The files Herald keeps for uploaded imports (jboss.server.data.dir/herald/imports). */
    private static Set<Path> keptUploads() throws IOException {
        Path dir = Path.of(System.getProperty("it.data.dir"), "herald", "imports");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }

    /** Where the server keeps the import's file. */
    private String sourcePath(long importId) {
        return (String) db.rows("SELECT source_path FROM recipient_import WHERE id = ?", importId).get(0).get("source_path");
    }


    /** POST /lists/{id}/imports as multipart/form-data (the test server's herald-admin), the file streamed from disk. */
    private Reply upload(long listId, Path file) {
        String boundary = "herald-" + UUID.randomUUID();
        try {
            HttpRequest request = HttpRequest.newBuilder(API.resolve("lists/" + listId + "/imports"))
                    .header("Authorization", ADMIN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofMinutes(2))
                    .POST(BodyPublishers.concat(
                            BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                    + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n"),
                            BodyPublishers.ofFile(file),
                            BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json") && !response.body().isBlank();
            return new Reply(response.statusCode(),
                    json ? Json.createReader(new StringReader(response.body())).readValue() : JsonValue.NULL);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException("Herald did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void anAddressInAnotherCaseIsADuplicateInAnImport() throws IOException {
        long listId = emptyList();
        api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", "dup@" + domain)).build()));
        Path csv = Files.createTempFile("case", ".csv");
        Files.writeString(csv, "email,name\r\nDUP@" + domain + ",A\r\nAnn@" + domain + ",B\r\nANN@" + domain.toUpperCase() + ",C\r\n");

        JsonObject done = awaitImport(api.expect(202, upload(listId, csv)).id(), "COMPLETED");
        Files.delete(csv);

        assertEquals(1, done.getJsonNumber("added").longValue(), done.toString());
        Map<Long, JsonObject> rejected = rejections(done.getJsonNumber("id").longValue());
        assertEquals("email DUP@" + domain + " is already in the list as dup@" + domain, rejected.get(2L).getString("reason"));
        assertTrue(rejected.get(4L).getString("reason").contains("appears earlier in"), rejected.toString());
        assertEquals(Set.of("dup@" + domain, "Ann@" + domain), emailsInList(listId));
    }
}

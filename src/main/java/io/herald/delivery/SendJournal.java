package io.herald.delivery;

import io.herald.delivery.SendLedger.Attempt;
import io.herald.delivery.SendLedger.Claim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One send partition's journal on its node's disk: before a group is claimed, what each row was; before each SMTP
 * transaction, that it starts; after each reply, the attempt as the group's commit will record it. A killed JVM's
 * writes are in the operating system already (no fsync), so the node's crash recovery (SendJournalRecovery) knows
 * which SENDING rows were never started, which got their reply, and which were inside their SMTP transaction: only
 * those stay UNKNOWN. The journal is emptied once the group is committed and deleted when the partition ends.
 *
 * <p>One line per record, fields separated by tabs, escaped as PostgreSQL's COPY does (null is \N):
 * {@code C id status firstAttemptAt}, {@code S id}, {@code R id} followed by the AttemptResult and AuditEntry fields.
 */
public final class SendJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SendJournal.class);
    private static final String NULL = "\\N";
    static final String SUFFIX = ".journal";

    private final Path file;
    private FileChannel channel;
    /** Whether records were written since the journal was last emptied. */
    private boolean dirty;

    private SendJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The node's journal directory: {@code <jboss.server.data.dir>/herald/journal}. */
    public static Path directory() {
        return Path.of(System.getProperty("jboss.server.data.dir", "."), "herald", "journal");
    }

    /** The journal of one sender (campaign and claim owner), a new empty file. */
    public static SendJournal open(long campaignId, long owner) {
        Path file = directory().resolve(campaignId + "-" + owner + SUFFIX);
        try {
            Files.createDirectories(file.getParent());
            return new SendJournal(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw new UncheckedIOException("Herald cannot write its send journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Before the claim: each row's status and first attempt, to give them back if its attempt never started. */
    public void claimed(List<Claim> claims) {
        StringBuilder lines = new StringBuilder(claims.size() * 48);
        for (Claim claim : claims) {
            DeliveryItem d = claim.delivery();
            line(lines, "C", Long.toString(d.id()), d.status().name(), instant(d.firstAttemptAt()));
        }
        write(lines);
    }

    /** Before the SMTP transaction of one delivery. */
    public void started(long deliveryId) {
        write(line(new StringBuilder(24), "S", Long.toString(deliveryId)));
    }

    /** After the reply: the attempt as SendLedger.record will commit it. */
    public void answered(Attempt attempt) {
        AttemptResult r = attempt.result();
        AuditEntry e = attempt.audit();
        write(line(new StringBuilder(320), "R", Long.toString(attempt.deliveryId()),
                r.status().name(), integer(r.replyCode()), r.enhancedCode(), r.replyText(), r.reason(),
                instant(r.nextAttemptAt()), instant(r.at()),
                Long.toString(e.getCampaignId()), e.getMessageId(), e.getMailFrom(), e.getRcptTo(),
                instant(e.getAttemptedAt()), e.getAccount(), e.getSmtpServer(), integer(e.getReplyCode()),
                e.getEnhancedCode(), e.getReplyText(), e.getOutcome(), e.getNodeName(), integer(e.getLatencyMs())));
    }

    /** The group is committed: nothing in the journal is needed any more. */
    public void clear() {
        if (!dirty || channel == null) {
            return;
        }
        try {
            channel.truncate(0);
            dirty = false;
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Deletes the journal when nothing in it is uncommitted; otherwise leaves it to the node's next recovery. */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            if (!dirty) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warnf("send journal %s: %s", file, e.getMessage());
        }
        channel = null;
    }

    private void write(CharSequence lines) {
        if (channel == null) {
            return;                                      // given up after a failed write (fail): recovery's old rule
        }
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            dirty = true;
        } catch (IOException e) {
            fail(e);
        }
    }

    /**
     * A journal that could not be written must not be believed: it is deleted, and the rows this partition has in
     * flight are recovered by the rule without a journal (UNKNOWN). If it cannot even be deleted, sending stops.
     */
    private void fail(IOException cause) {
        LOG.errorf("send journal %s cannot be written (%s): this partition goes on without it", file, cause.getMessage());
        try {
            channel.close();
            Files.deleteIfExists(file);
            channel = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Herald cannot write or delete its send journal " + file, e);
        }
    }

    private static StringBuilder line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            escape(out, fields[i]);
        }
        return out.append('\n');
    }

    private static void escape(StringBuilder out, String field) {
        if (field == null) {
            out.append(NULL);
            return;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String integer(Integer n) {
        return n == null ? null : n.toString();
    }

    /** What a journal says of each delivery: its last record (a torn last line is left out). */
    public record Contents(Map<Long, Claim> unstarted, Map<Long, Attempt> answered, List<Long> started) {
    }

    /** Reads a journal: for each delivery, only its last record counts. */
    static Contents read(Path file) throws IOException {
        Map<Long, Object> last = new HashMap<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // a line is whole only with its newline: what follows the last one was cut by the kill
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                List<String> f = fields(line);
                long id = Long.parseLong(f.get(1));
                switch (f.get(0)) {
                    case "C" -> last.put(id, new Claim(new DeliveryItem(id, DeliveryStatus.valueOf(f.get(2)), 0,
                            parseInstant(f.get(3)), null, 0, null, null, Map.of()), null));
                    case "S" -> last.put(id, id);
                    case "R" -> last.put(id, attempt(id, f));
                    default -> throw new IllegalArgumentException("record " + f.get(0));
                }
            } catch (RuntimeException e) {
                LOG.warnf("send journal %s: left out a line it cannot read (%s): %s", file, e, line);
            }
        }
        Map<Long, Claim> unstarted = new HashMap<>();
        Map<Long, Attempt> answered = new HashMap<>();
        List<Long> started = new ArrayList<>();
        last.forEach((id, record) -> {
            if (record instanceof Claim c) {
                unstarted.put(id, c);
            } else if (record instanceof Attempt a) {
                answered.put(id, a);
            } else {
                started.add(id);
            }
        });
        return new Contents(unstarted, answered, started);
    }

    private static Attempt attempt(long id, List<String> f) {
        if (f.size() != 22) {
            throw new IllegalArgumentException(f.size() + " fields");
        }
        DeliveryStatus status = DeliveryStatus.valueOf(f.get(2));
        var result = new AttemptResult(status, parseInteger(f.get(3)), f.get(4), f.get(5), f.get(6),
                parseInstant(f.get(7)), parseInstant(f.get(8)));
        var audit = new AuditEntry(id, Long.parseLong(f.get(9)), f.get(10), f.get(11), f.get(12),
                parseInstant(f.get(13)), f.get(14), f.get(15), parseInteger(f.get(16)), f.get(17), f.get(18),
                DeliveryStatus.valueOf(f.get(19)), f.get(20), parseInteger(f.get(21)));
        return new Attempt(id, result, audit);
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                switch (next) {
                    case 'N' -> isNull = true;
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    default -> field.append(next);
                }
            } else {
                field.append(c);
            }
        }
        fields.add(isNull ? null : field.toString());
        return fields;
    }

    private static Instant parseInstant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static Integer parseInteger(String s) {
        return s == null ? null : Integer.valueOf(s);
    }
}

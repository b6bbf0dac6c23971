package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.delivery.SendLedger.Attempt;
import io.herald.delivery.SendLedger.Claim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a send journal tells the node's recovery after a kill: the last record of each delivery, read back whole. */
class SendJournalTest {

    private static final Instant FIRST = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static final Instant NOW = Instant.parse("2026-12-06T14:00:00.5Z");

    @TempDir
    Path data;
    private String previous;

    @BeforeEach
    void dataDir() {
        previous = System.setProperty("jboss.server.data.dir", data.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("jboss.server.data.dir");
        } else {
            System.setProperty("jboss.server.data.dir", previous);
        }
    }

    @Test
    void eachDeliveryIsWhatItsLastRecordSays() throws Exception {
        Path file = SendJournal.directory().resolve("7-3001" + SendJournal.SUFFIX);
        try (SendJournal journal = SendJournal.open(7, 3001)) {
            journal.claimed(List.of(claim(1, DeliveryStatus.PENDING, null), claim(2, DeliveryStatus.DEFERRED, FIRST),
                    claim(3, DeliveryStatus.PENDING, null), claim(4, DeliveryStatus.PENDING, null)));
            journal.started(1);
            journal.answered(attempt(1, DeliveryStatus.SENT, 250, "250 2.0.0 Ok:\tqueued\\as \"x\"\r\nnext"));
            journal.started(2);
            journal.answered(attempt(2, DeliveryStatus.DEFERRED, 451, null));
            journal.started(3);                              // killed inside 3's SMTP transaction; 4 never started

            var contents = SendJournal.read(file);
            assertEquals(List.of(4L), List.copyOf(contents.unstarted().keySet()));
            assertEquals(DeliveryStatus.PENDING, contents.unstarted().get(4L).delivery().status());
            assertNull(contents.unstarted().get(4L).delivery().firstAttemptAt());
            assertEquals(List.of(3L), contents.started());
            Attempt sent = contents.answered().get(1L);
            assertEquals(DeliveryStatus.SENT, sent.result().status());
            assertEquals(250, sent.result().replyCode());
            assertEquals("250 2.0.0 Ok:\tqueued\\as \"x\"\r\nnext", sent.result().replyText(), "escaped and back");
            assertEquals(NOW, sent.result().at());
            assertEquals("Zoë <zoe@example.com>", sent.audit().getRcptTo());
            assertEquals("<m1@herald>", sent.audit().getMessageId());
            assertEquals("bulk", sent.audit().getAccount());
            assertEquals(7L, sent.audit().getCampaignId());
            assertEquals(12, sent.audit().getLatencyMs());
            Attempt deferred = contents.answered().get(2L);
            assertEquals(DeliveryStatus.DEFERRED, deferred.result().status());
            assertNull(deferred.result().replyText());
            assertEquals(NOW.plusSeconds(60), deferred.result().nextAttemptAt());
            assertEquals(4, contents.unstarted().size() + contents.answered().size() + contents.started().size());
        }
        assertTrue(Files.exists(file), "a journal with uncommitted records is left for the recovery");
    }

    @Test
    void aLineCutByTheKillIsLeftOutAndTheRecordBeforeItCounts() throws Exception {
        Path file = SendJournal.directory().resolve("7-3002" + SendJournal.SUFFIX);
        try (SendJournal journal = SendJournal.open(7, 3002)) {
            journal.claimed(List.of(claim(5, DeliveryStatus.PENDING, null)));
            journal.started(5);
        }
        Files.writeString(file, "R\t5\tSENT\t250", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        var contents = SendJournal.read(file);
        assertEquals(List.of(5L), contents.started(), "the torn answer does not make 5 SENT");
        assertTrue(contents.answered().isEmpty());
    }

    @Test
    void aCommittedGroupEmptiesTheJournalAndAPartitionThatEndsCleanDeletesIt() throws Exception {
        Path file = SendJournal.directory().resolve("8-4000" + SendJournal.SUFFIX);
        SendJournal journal = SendJournal.open(8, 4000);
        journal.claimed(List.of(claim(9, DeliveryStatus.PENDING, null)));
        journal.started(9);
        journal.clear();
        assertEquals(0, Files.size(file));
        journal.close();
        assertFalse(Files.exists(file));
    }

    private static Claim claim(long id, DeliveryStatus status, Instant firstAttemptAt) {
        return new Claim(new DeliveryItem(id, status, 0, firstAttemptAt, null, id, "r" + id + "@example.com", null,
                Map.of()), "<m" + id + "@herald>");
    }

    private static Attempt attempt(long id, DeliveryStatus status, int code, String text) {
        var result = new AttemptResult(status, code, status == DeliveryStatus.SENT ? "2.0.0" : null, text,
                status == DeliveryStatus.SENT ? null : "try again", status == DeliveryStatus.SENT ? null : NOW.plusSeconds(60),
                NOW);
        return new Attempt(id, result, new AuditEntry(id, 7, "<m" + id + "@herald>", "news@herald.example",
                "Zoë <zoe@example.com>", NOW, "bulk", "localhost:2525", code, null, text, status, "node-a", 12));
    }
}

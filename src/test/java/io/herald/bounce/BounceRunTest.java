package io.herald.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run over a real IMAP mailbox (GreenMail) holding the realistic bounces of src/test/resources/bounces, with the
 * database side in memory: what each message is recorded as, where it ends up, and that nothing is counted twice
 * or lost when a run is interrupted.
 */
class BounceRunTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String USER = "bounces@bounces.herald.example";
    private static final String PASSWORD = "bounces";
    private static final int SOFT_LIMIT = 3;
    /** The fixtures' VERP tokens and Message-IDs name these deliveries (the database side of this test). */
    private static final Map<String, String> DELIVERIES = Map.of(
            "c7-d1042-Kx3q9Z", "ann@example.com",
            "c7-d1043-Pq8w2L", "carol@example.net",
            "c7-d1044-Zt5m1R", "dave@contoso.example",
            "c9-d2001-Hb7n4T", "erin@example.org",
            "c7-d1045-Wy2k6D", "frank@slow.example",
            "c7-d1046-Jm3v8S", "grace@example.com",
            "c7-d1047-Ns4x7F", "henry@example.com");

    private GreenMail greenMail;
    private GreenMailUser mailbox;
    private BounceSettings.Imap imap;
    private final InMemoryRecorder recorder = new InMemoryRecorder();

    @BeforeEach
    void startImap() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        mailbox = greenMail.setUser(USER, USER, PASSWORD);
        imap = new BounceSettings.Imap("imap", "127.0.0.1", port, USER, "INBOX", "Herald/Processed", "Herald/Review",
                PASSWORD);
    }

    @AfterEach
    void stopImap() {
        greenMail.stop();
    }

    @Test
    void eachFixtureIsRecordedAsWhatItIsAndMovedOutOfTheInbox() throws Exception {
        Map<String, BounceOutcome> expected = new LinkedHashMap<>();
        expected.put("postfix-user-unknown.eml", BounceOutcome.HARD);
        expected.put("exim-mailbox-full.eml", BounceOutcome.SOFT);
        expected.put("exchange-ndr.eml", BounceOutcome.HARD);
        expected.put("gmail-style.eml", BounceOutcome.HARD);
        expected.put("postfix-delayed.eml", BounceOutcome.SOFT);
        expected.put("delivered-as-multipart-mixed.eml", BounceOutcome.HARD);
        expected.put("auto-reply.eml", BounceOutcome.UNCLASSIFIED);
        for (String file : expected.keySet()) {
            mailbox.deliver(fixture(file));
        }

        BounceRun.Tally tally = run(100);

        Map<String, BounceOutcome> recorded = new LinkedHashMap<>();
        for (String file : expected.keySet()) {
            recorded.put(file, recorder.outcomeOf(messageId(file)));
        }
        assertEquals(expected, recorded);
        assertEquals("HARD 4, SOFT 2, SOFT_LIMIT 0, UNMATCHED 0, UNCLASSIFIED 1; left 0", tally.describe());
        assertEquals(List.of(), folder("INBOX"));
        assertEquals(6, folder("Herald.Processed").size(), "the server's separator is '.': Herald/Processed");
        assertEquals(List.of(messageId("auto-reply.eml")), folder("Herald.Review"), "never deleted");
    }

    @Test
    void aBounceThatNamesNoDeliveryOfHeraldGoesToReview() throws Exception {
        mailbox.deliver(withToken("postfix-user-unknown.eml", "c7-d1042-Kx3q9Z", "c8-d1-Forged0"));

        assertEquals(1, run(100).count(BounceOutcome.UNMATCHED));
        assertEquals(List.of(messageId("postfix-user-unknown.eml")), folder("Herald.Review"));
    }

    @Test
    void aMessageSeenAgainAfterACrashBetweenCommitAndMoveIsOnlyMoved() throws Exception {
        mailbox.deliver(fixture("exim-mailbox-full.eml"));
        run(100);
        // the job died after the commit, before the move: the message is still in the inbox
        mailbox.deliver(fixture("exim-mailbox-full.eml"));

        BounceRun.Tally second = run(100);

        assertEquals(1, second.count(BounceOutcome.SOFT), "moved as recorded the first time");
        assertEquals(1, recorder.softBounces.get("carol@example.net"), "counted once");
        assertEquals(1, recorder.records.get(), "recorded once");
        assertEquals(List.of(), folder("INBOX"));
    }

    @Test
    void theSameSoftBounceWithThreeMessageIdsReachesTheLimit() throws Exception {
        for (int i = 1; i <= SOFT_LIMIT; i++) {
            mailbox.deliver(withMessageId("exim-mailbox-full.eml", "<E1t8bQO-000Fk2-2c@mail.herald.example>",
                    "<soft-" + i + "@mail.herald.example>"));
        }

        BounceRun.Tally tally = run(100);

        assertEquals(2, tally.count(BounceOutcome.SOFT));
        assertEquals(1, tally.count(BounceOutcome.SOFT_LIMIT));
        assertEquals(BounceOutcome.SOFT_LIMIT, recorder.outcomeOf("<soft-3@mail.herald.example>"));
    }

    @Test
    void aMessageThatCannotBeRecordedStaysInTheInboxForTheNextRun() throws Exception {
        mailbox.deliver(fixture("postfix-user-unknown.eml"));
        mailbox.deliver(fixture("exchange-ndr.eml"));
        recorder.failNext = true;                      // the database is down for the first message

        BounceRun.Tally first = run(100);

        assertEquals("HARD 1, SOFT 0, SOFT_LIMIT 0, UNMATCHED 0, UNCLASSIFIED 0; left 1", first.describe());
        assertEquals(List.of(messageId("postfix-user-unknown.eml")), folder("INBOX"));
        assertEquals(1, run(100).count(BounceOutcome.HARD));
        assertEquals(List.of(), folder("INBOX"));
    }

    @Test
    void aRunReadsAtMostMaxMessagesOldestFirst() throws Exception {
        mailbox.deliver(fixture("postfix-user-unknown.eml"));
        mailbox.deliver(fixture("exchange-ndr.eml"));
        mailbox.deliver(fixture("gmail-style.eml"));

        assertEquals(2, run(2).count(BounceOutcome.HARD));
        assertEquals(List.of(messageId("gmail-style.eml")), folder("INBOX"));
    }

    @Test
    void aStopRequestEndsTheRunAfterTheMessageItIsOn() throws Exception {
        mailbox.deliver(fixture("postfix-user-unknown.eml"));
        mailbox.deliver(fixture("exchange-ndr.eml"));
        AtomicInteger asked = new AtomicInteger();

        BounceRun.Tally tally;
        try (BounceMailbox m = BounceMailbox.open(imap)) {
            tally = new BounceRun(new BounceParser(), recorder, SOFT_LIMIT, () -> asked.incrementAndGet() > 1)
                    .run(m, 100);
        }

        assertEquals(1, tally.count(BounceOutcome.HARD));
        assertEquals(1, folder("INBOX").size());
    }

    @Test
    void aRefusedLoginNamesTheUserAndTheServer() {
        BounceSettings.Imap wrong = new BounceSettings.Imap("imap", imap.host(), imap.port(), USER, "INBOX",
                "Herald/Processed", "Herald/Review", "wrong");

        MessagingException e = assertThrows(MessagingException.class, () -> BounceMailbox.open(wrong));

        assertTrue(e.getMessage().startsWith("the IMAP server 127.0.0.1:" + imap.port() + " refused the login of "
                + USER), e.getMessage());
    }

    @Test
    void aMissingSourceFolderIsNamed() {
        BounceSettings.Imap missing = new BounceSettings.Imap("imap", imap.host(), imap.port(), USER, "Bounces",
                "Herald/Processed", "Herald/Review", PASSWORD);

        MessagingException e = assertThrows(MessagingException.class, () -> BounceMailbox.open(missing));

        assertTrue(e.getMessage().startsWith("the folder Bounces does not exist in the mailbox of " + USER),
                e.getMessage());
    }

    private BounceRun.Tally run(int max) throws MessagingException {
        try (BounceMailbox m = BounceMailbox.open(imap)) {
            return new BounceRun(new BounceParser(), recorder, SOFT_LIMIT, () -> false).run(m, max);
        }
    }

    /** The Message-IDs of the messages in a folder of the mailbox, in order. */
    private List<String> folder(String name) throws MessagingException {
        Store store = SESSION.getStore("imap");
        store.connect(imap.host(), imap.port(), USER, PASSWORD);
        try {
            Folder f = store.getFolder(name);
            assertTrue(f.exists(), name + " exists");
            f.open(Folder.READ_ONLY);
            List<String> ids = new ArrayList<>();
            for (Message m : f.getMessages()) {
                ids.add(((MimeMessage) m).getMessageID().trim());
            }
            f.close(false);
            return ids;
        } finally {
            store.close();
        }
    }

    private static MimeMessage fixture(String file) throws Exception {
        try (InputStream in = BounceRunTest.class.getResourceAsStream("/bounces/" + file)) {
            assertNotNull(in, "no fixture " + file);
            return new MimeMessage(SESSION, in);
        }
    }

    private static MimeMessage withToken(String file, String token, String replacement) throws Exception {
        return replaced(file, token, replacement);
    }

    private static MimeMessage withMessageId(String file, String messageId, String replacement) throws Exception {
        return replaced(file, messageId, replacement);
    }

    private static MimeMessage replaced(String file, String text, String replacement) throws Exception {
        try (InputStream in = BounceRunTest.class.getResourceAsStream("/bounces/" + file)) {
            String raw = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(raw.contains(text), file + " contains " + text);
            return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(
                    raw.replace(text, replacement).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
    }

    private static String messageId(String file) throws Exception {
        return fixture(file).getMessageID().trim();
    }

    /** The database side in memory: deliveries by VERP token, soft bounces per address, one event per key. */
    private static final class InMemoryRecorder implements BounceRun.Recorder {

        final Map<String, BounceOutcome> events = new HashMap<>();
        final Map<String, BounceOutcome> byMessageId = new HashMap<>();
        final Map<String, Integer> softBounces = new HashMap<>();
        final AtomicInteger records = new AtomicInteger();
        boolean failNext;

        @Override
        public BounceOutcome record(BounceMessage message, BounceReport report, int softLimit) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the database is down");
            }
            BounceOutcome earlier = events.get(message.key());
            if (earlier != null) {
                return earlier;
            }
            String address = report.verpToken() == null ? null : DELIVERIES.get(report.verpToken());
            int soft = report.kind() == BounceReport.Kind.SOFT && address != null
                    ? softBounces.merge(address, 1, Integer::sum) : 0;
            BounceOutcome outcome = BounceOutcome.of(report.kind(), address != null, soft, softLimit);
            events.put(message.key(), outcome);
            byMessageId.put(message.messageId(), outcome);
            records.incrementAndGet();
            return outcome;
        }

        @Override
        public BounceOutcome recorded(String key) {
            return events.get(key);
        }

        BounceOutcome outcomeOf(String messageId) {
            return byMessageId.get(messageId);
        }
    }
}

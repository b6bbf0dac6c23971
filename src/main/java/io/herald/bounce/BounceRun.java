package io.herald.bounce;

import io.herald.deliverability.VerpAddress;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One pass over the bounce mailbox, message by message in arrival order: read, parse, record (committed), then move
 * to the processed or review folder. The order is what makes a crash harmless: a message is moved only after its
 * changes are committed, and one found again (the crash came between the two) is recognised by its key and only
 * moved. A message whose recording fails stays where it is for the next run; a lost connection ends the run.
 */
final class BounceRun {

    private static final Logger LOG = Logger.getLogger(BounceRun.class);

    /** The database side of a run (BounceRecorder). */
    interface Recorder {

        /** Records what the message says, once per key, committed before it returns; returns what it did. */
        BounceOutcome record(BounceMessage message, BounceReport report, int softLimit);

        /** The outcome recorded for this key by an earlier run (or a concurrent one), or null. */
        BounceOutcome recorded(String key);
    }

    /** What a run did: messages per outcome, and how many were left in the source folder for the next run. */
    record Tally(Map<BounceOutcome, Integer> outcomes, int left) {

        static Tally none() {
            return new Tally(new EnumMap<>(BounceOutcome.class), 0);
        }

        Tally with(BounceOutcome outcome) {
            Map<BounceOutcome, Integer> counts = new EnumMap<>(outcomes);
            counts.merge(outcome, 1, Integer::sum);
            return new Tally(counts, left);
        }

        Tally withLeft() {
            return new Tally(outcomes, left + 1);
        }

        int count(BounceOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }

        /** "HARD 3, SOFT 2, SOFT_LIMIT 0, UNMATCHED 0, UNCLASSIFIED 1; left 0": the job's exit status. */
        String describe() {
            StringBuilder s = new StringBuilder();
            for (BounceOutcome o : BounceOutcome.values()) {
                s.append(s.length() == 0 ? "" : ", ").append(o).append(' ').append(count(o));
            }
            return s.append("; left ").append(left).toString();
        }
    }

    private final BounceParser parser;
    private final Recorder recorder;
    private final int softLimit;
    private final BooleanSupplier stopRequested;

    BounceRun(BounceParser parser, Recorder recorder, int softLimit, BooleanSupplier stopRequested) {
        this.parser = parser;
        this.recorder = recorder;
        this.softLimit = softLimit;
        this.stopRequested = stopRequested;
    }

    /** Processes at most {@code max} messages; stops early when asked to. */
    Tally run(BounceMailbox mailbox, int max) throws MessagingException {
        Tally tally = Tally.none();
        for (Message m : mailbox.waiting(max)) {
            if (stopRequested.getAsBoolean()) {
                break;
            }
            tally = process(mailbox, m, tally);
        }
        return tally;
    }

    private Tally process(BounceMailbox mailbox, Message m, Tally tally) throws MessagingException {
        BounceMessage message;
        try {
            message = BounceMessage.read(m);
        } catch (MessageRemovedException e) {
            return tally;                                  // moved meanwhile by another node's run
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException | IOException e) {
            LOG.warnf(e, "bounce mailbox: message %d cannot be read; left in %s for the next run",
                    m.getMessageNumber(), mailbox.sourceName());
            return tally.withLeft();
        }
        BounceReport report = message.truncated()
                ? BounceReport.unclassified("the message is larger than " + BounceMessage.MAX_BYTES / (1024 * 1024)
                        + " MiB: not read", null, null)
                : parser.parse(message.content(), VerpAddress.BOUNCES);
        BounceOutcome outcome = record(message, report);
        if (outcome == null) {
            return tally.withLeft();
        }
        try {
            mailbox.move(m, outcome.needsReview());
        } catch (MessageRemovedException e) {
            return tally;                                  // recorded here, moved by another node's run
        }
        log(message, report, outcome, mailbox.folderName(outcome.needsReview()));
        return tally.with(outcome);
    }

    /** The outcome, or null when the message could not be recorded (it then stays in the source folder). */
    private BounceOutcome record(BounceMessage message, BounceReport report) {
        try {
            return recorder.record(message, report, softLimit);
        } catch (RuntimeException e) {
            // another node may have recorded the same message at the same moment: the key is unique, so its
            // transaction won and ours rolled back; then the message is moved as that one decided
            BounceOutcome earlier = earlier(message.key());
            if (earlier == null) {
                LOG.warnf(e, "bounce %s could not be recorded; left in the mailbox for the next run",
                        message.messageId());
            }
            return earlier;
        }
    }

    private BounceOutcome earlier(String key) {
        try {
            return recorder.recorded(key);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void log(BounceMessage message, BounceReport report, BounceOutcome outcome, String folder) {
        if (outcome.needsReview()) {
            LOG.infof("bounce %s is %s (%s): moved to %s for review", message.messageId(), outcome,
                    report.describe(), folder);
        } else {
            LOG.debugf("bounce %s is %s (%s): moved to %s", message.messageId(), outcome, report.describe(), folder);
        }
    }
}

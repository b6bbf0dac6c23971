package io.herald.delivery;

import io.herald.delivery.SendLedger.Sender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import org.jboss.logging.Logger;

/**
 * Replays the send journals (SendJournal) a node's killed JVM left on its disk, before the node's recovery makes what
 * is still SENDING UNKNOWN (DeliveryStore.recoverNode): a delivery whose SMTP transaction never started gets its
 * status back, one whose reply came is recorded as the group's commit would have recorded it (SENT, DEFERRED, FAILED,
 * with its audit entry), and only one inside its SMTP transaction at the kill (at most one per connection) is left to
 * become UNKNOWN. Each step is conditional on the row being SENDING under the journal's claim owner, so a replay cut
 * short is simply done again; a journal is deleted once replayed. A node that takes over a dead node on another
 * machine has no journal of it, and that node's deliveries in flight all become UNKNOWN, as before.
 */
@ApplicationScoped
public class SendJournalRecovery {

    private static final Logger LOG = Logger.getLogger(SendJournalRecovery.class);

    @Inject
    SendLedger ledger;

    /** What a replay did. */
    public record Replayed(int released, int recorded, int unknown) {
    }

    /** Replays every journal in this node's journal directory. */
    public Replayed replay(Instant now) {
        Path dir = SendJournal.directory();
        int released = 0;
        int recorded = 0;
        int unknown = 0;
        if (!Files.isDirectory(dir)) {
            return new Replayed(0, 0, 0);
        }
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(dir, "*" + SendJournal.SUFFIX)) {
            for (Path journal : journals) {
                String name = journal.getFileName().toString();
                String[] ids = name.substring(0, name.length() - SendJournal.SUFFIX.length()).split("-");
                Sender sender = new Sender(Long.parseLong(ids[0]), DeliveryCounters.API, Long.parseLong(ids[1]));
                SendJournal.Contents contents = SendJournal.read(journal);
                ledger.record(sender, new ArrayList<>(contents.answered().values()));
                ledger.release(sender, new ArrayList<>(contents.unstarted().values()), now);
                Files.delete(journal);
                released += contents.unstarted().size();
                recorded += contents.answered().size();
                unknown += contents.started().size();
                LOG.infof("send journal %s replayed: %d deliveries never started went back, %d answered were recorded,"
                        + " %d were inside their SMTP transaction", name, contents.unstarted().size(),
                        contents.answered().size(), contents.started().size());
            }
        } catch (IOException e) {
            LOG.errorf("the send journals in %s cannot be read (%s): this node's deliveries in flight become UNKNOWN",
                    dir, e.getMessage());
        }
        return new Replayed(released, recorded, unknown);
    }
}

package io.herald.bounce;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The bounce mailbox over IMAP: the source folder open for reading and writing, and the processed and review folders
 * (created if missing) that messages are moved to. A move is IMAP MOVE (RFC 6851) where the server has it, else a
 * copy with the original flagged \Deleted and expunged when the mailbox is closed; messages already flagged \Deleted
 * are not read again, so a run that dies between the copy and the expunge does not see them twice.
 */
final class BounceMailbox implements AutoCloseable {

    /** Angus Mail's own timeouts are infinite: a silent server would hang the job forever. */
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 60_000;

    private final Store store;
    private final Folder source;
    private final Folder processed;
    private final Folder review;
    private final boolean canMove;
    private final BounceSettings.Imap imap;

    private BounceMailbox(Store store, Folder source, Folder processed, Folder review, boolean canMove,
                          BounceSettings.Imap imap) {
        this.store = store;
        this.source = source;
        this.processed = processed;
        this.review = review;
        this.canMove = canMove;
        this.imap = imap;
    }

    /** Logs in, opens the source folder and makes sure the other two exist; the exception names what failed. */
    static BounceMailbox open(BounceSettings.Imap imap) throws MessagingException {
        Store store = Session.getInstance(properties(imap)).getStore(imap.protocol());
        try {
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
        } catch (AuthenticationFailedException e) {
            throw new MessagingException("the IMAP server " + imap.host() + ":" + imap.port() + " refused the login of "
                    + imap.user() + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new MessagingException("cannot reach the IMAP server " + imap.host() + ":" + imap.port() + " ("
                    + imap.protocol() + "): " + e.getMessage(), e);
        }
        try {
            char separator = store.getDefaultFolder().getSeparator();
            Folder source = store.getFolder(path(imap.folder(), separator));
            if (!source.exists()) {
                throw new MessagingException("the folder " + imap.folder() + " does not exist in the mailbox of "
                        + imap.user() + "; set " + BounceSettings.describe(BounceSettings.FOLDER));
            }
            Folder processed = created(store.getFolder(path(imap.processedFolder(), separator)));
            Folder review = created(store.getFolder(path(imap.reviewFolder(), separator)));
            source.open(Folder.READ_WRITE);
            boolean canMove = store instanceof IMAPStore s && s.hasCapability("MOVE") && source instanceof IMAPFolder;
            return new BounceMailbox(store, source, processed, review, canMove, imap);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The first {@code max} messages of the source folder, oldest first, leaving out those flagged \Deleted (already
     * copied by an earlier run). Flags are fetched a window at a time, so a full mailbox costs a few round trips.
     */
    List<Message> waiting(int max) throws MessagingException {
        List<Message> waiting = new ArrayList<>();
        int count = source.getMessageCount();
        FetchProfile flags = new FetchProfile();
        flags.add(FetchProfile.Item.FLAGS);
        for (int from = 1; from <= count && waiting.size() < max; from += max) {
            Message[] window = source.getMessages(from, Math.min(count, from + max - 1));
            source.fetch(window, flags);
            for (Message m : window) {
                if (waiting.size() < max && !m.isExpunged() && !m.isSet(Flags.Flag.DELETED)) {
                    waiting.add(m);
                }
            }
        }
        return waiting;
    }

    /** Moves the message out of the source folder: to the review folder, or to the processed one. */
    void move(Message message, boolean toReview) throws MessagingException {
        Message[] one = {message};
        Folder target = toReview ? review : processed;
        if (canMove) {
            ((IMAPFolder) source).moveMessages(one, target);
        } else {
            source.copyMessages(one, target);
            message.setFlag(Flags.Flag.DELETED, true);
        }
    }

    /** The configured name of the folder messages are moved to, for logs. */
    String folderName(boolean review) {
        return review ? imap.reviewFolder() : imap.processedFolder();
    }

    /** The configured name of the folder messages are read from, for logs. */
    String sourceName() {
        return imap.folder();
    }

    /** Closes the folder (expunging what was copied away, when the server has no MOVE) and logs out. */
    @Override
    public void close() throws MessagingException {
        try {
            if (source.isOpen()) {
                source.close(!canMove);
            }
        } finally {
            store.close();
        }
    }

    private static Properties properties(BounceSettings.Imap imap) {
        String p = "mail." + imap.protocol() + ".";
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        props.setProperty(p + "timeout", Integer.toString(READ_TIMEOUT_MS));
        // read with BODY.PEEK: a message moved to the review folder still shows as unread to the operator
        props.setProperty(p + "peek", "true");
        if (imap.protocol().equals("imaps")) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /** "Herald/Review" with the server's separator, e.g. "Herald.Review". */
    private static String path(String folder, char separator) {
        return folder.replace('/', separator);
    }

    /** The folder, created with its parents if missing. */
    private static Folder created(Folder folder) throws MessagingException {
        return created(folder, Folder.HOLDS_MESSAGES);
    }

    private static Folder created(Folder folder, int type) throws MessagingException {
        if (folder.exists()) {
            return folder;
        }
        Folder parent = folder.getParent();
        if (parent != null && !parent.getFullName().isEmpty()) {
            created(parent, Folder.HOLDS_FOLDERS | Folder.HOLDS_MESSAGES);
        }
        if (!folder.create(type)) {
            throw new MessagingException("cannot create the folder " + folder.getFullName() + " in the bounce mailbox");
        }
        return folder;
    }
}

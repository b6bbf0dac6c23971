package io.herald.it.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * GreenMail, the SMTP server Herald sends to in the tests, with the recipient policy a real server has: chosen
 * mailboxes are refused at RCPT with "550 5.1.1 … User unknown" (as Postfix words it), and the server can be made
 * slow (a pause before answering each RCPT, like a tarpitting server) so a test can act while a campaign is running.
 * It also serves the bounce mailbox over IMAP, where a test puts the bounces Herald's process-bounces job reads.
 */
public final class TestSmtpServer {

    private final Set<String> unknownUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, String> contentRefusals = new ConcurrentHashMap<>();
    private volatile String firstAttemptReply;
    private final List<MimeMessage> received = new CopyOnWriteArrayList<>();
    private final List<Arrival> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** When a message with this Message-ID for these recipients was accepted (System.nanoTime()). */
    public record Arrival(long nanos, String messageId, List<String> recipients) {
    }
    private volatile Duration rcptDelay = Duration.ZERO;
    private GreenMail greenMail;
    private int smtpOnlyPort;

    /** The bounce mailbox Herald reads over IMAP (HERALD_BOUNCE_IMAP_* in pom.xml): its login and port. */
    public static final String BOUNCE_USER = "bounces@bounces.herald.example";
    public static final String BOUNCE_PASSWORD = "bounces";
    public static final int IMAP_PORT = Integer.getInteger("it.imap.port", 3143);
    private com.icegreen.greenmail.user.GreenMailUser bounceMailbox;

    /**
     * Starts listening on the port Herald's mail session points at (it.smtp.port, 3025), and serves the bounce mailbox
     * over IMAP on it.imap.port (3143).
     */
    public TestSmtpServer start() {
        int port = Integer.getInteger("it.smtp.port", 3025);
        smtpOnlyPort = 0;
        greenMail = new PolicyGreenMail(this, new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        bounceMailbox = greenMail.setUser(BOUNCE_USER, BOUNCE_USER, BOUNCE_PASSWORD);
        return this;
    }

    /**
     * Starts an SMTP server alone on the port, without the bounce mailbox: another sending account's server. Started
     * again after stop(), it listens on the same port.
     */
    public TestSmtpServer startSmtpOnly(int port) {
        smtpOnlyPort = port;
        greenMail = new PolicyGreenMail(this, new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return this;
    }

    /** Starts again after stop(), as it was started first. */
    public TestSmtpServer restart() {
        return smtpOnlyPort == 0 ? start() : startSmtpOnly(smtpOnlyPort);
    }

    /** Puts a message into the bounce mailbox's INBOX, as the bounce domain's mail server would. */
    public void deliverToBounceMailbox(MimeMessage message) {
        bounceMailbox.deliver(message);
    }

    /**
     * The Message-IDs of the messages in a folder of the bounce mailbox, oldest first; none when the folder does
     * not exist. Levels are separated by '/' ("Herald/Review"), as in Herald's settings.
     */
    public List<String> bounceFolder(String path) {
        try {
            jakarta.mail.Store store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
            store.connect("127.0.0.1", IMAP_PORT, BOUNCE_USER, BOUNCE_PASSWORD);
            try {
                jakarta.mail.Folder folder = store.getFolder(path.replace('/', store.getDefaultFolder().getSeparator()));
                if (!folder.exists()) {
                    return List.of();
                }
                folder.open(jakarta.mail.Folder.READ_ONLY);
                try {
                    List<String> ids = new java.util.ArrayList<>();
                    for (jakarta.mail.Message m : folder.getMessages()) {
                        ids.add(((MimeMessage) m).getMessageID().trim());
                    }
                    return ids;
                } finally {
                    folder.close(false);
                }
            } finally {
                store.close();
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("cannot read " + path + " of the bounce mailbox: " + e.getMessage(), e);
        }
    }

    /** Stops listening and drops open connections (an outage); what was received stays on record. */
    public void stop() {
        greenMail.stop();
    }

    /**
     * The account a client signs in as (AUTH PLAIN, LOGIN or XOAUTH2, whose token GreenMail checks as the password):
     * created, or its password changed.
     */
    public void account(String login, String password) {
        greenMail.setUser(login, login, password);
    }

    /** RCPT TO this address gets a permanent 550 5.1.1 reply. */
    public void refuse(String address) {
        unknownUsers.add(address.toLowerCase(Locale.ROOT));
    }

    /** Answers each recipient's first RCPT with this reply (e.g. "421 4.7.0 Try again later"), later ones normally. */
    public void deferFirstAttempt(String reply) {
        firstAttemptReply = reply;
    }

    /** The message to this address is refused after its content was received (e.g. "554 5.7.1 spam"). */
    public void refuseContent(String address, String reply) {
        contentRefusals.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** The message to this address is accepted again (undoes refuseContent). */
    public void acceptContent(String address) {
        contentRefusals.remove(address.toLowerCase(Locale.ROOT));
    }

    /** Pause before answering each RCPT (Duration.ZERO: answer at once). */
    public void slowDown(Duration perRecipient) {
        rcptDelay = perRecipient;
    }

    /** Every message accepted so far, across restarts of the server. */
    public List<MimeMessage> received() {
        return List.copyOf(received);
    }

    /** When each message was accepted, in order of arrival. */
    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** How many messages each recipient received. */
    public Map<String, Integer> countsByRecipient() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (MimeMessage m : received) {
            try {
                for (var to : m.getAllRecipients()) {
                    counts.merge(((jakarta.mail.internet.InternetAddress) to).getAddress().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    void accepted(MimeMessage message) {
        long now = System.nanoTime();
        received.add(message);
        try {
            var to = message.getAllRecipients();
            arrivals.add(new Arrival(now, message.getMessageID(), to == null ? List.of() : java.util.Arrays.stream(to)
                    .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress().toLowerCase(Locale.ROOT)).toList()));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    String checkData(Set<MailAddress> recipients) {
        for (MailAddress r : recipients) {
            String reply = contentRefusals.get(r.getEmail().toLowerCase(Locale.ROOT));
            if (reply != null) {
                return reply;
            }
        }
        return null;
    }

    String checkRecipient(MailAddress rcpt) {
        if (!rcptDelay.isZero()) {
            try {
                Thread.sleep(rcptDelay.toMillis());     // the server's own slowness, not a test waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String reply = firstAttemptReply;
        if (reply != null && deferredOnce.add(rcpt.getEmail().toLowerCase(Locale.ROOT))) {
            return reply;
        }
        if (unknownUsers.contains(rcpt.getEmail().toLowerCase(Locale.ROOT))) {
            return "550 5.1.1 <" + rcpt.getEmail() + ">: Recipient address rejected: User unknown in virtual mailbox table";
        }
        return null;
    }

    /** GreenMail whose SMTP service asks the policy above about each recipient. */
    private static final class PolicyGreenMail extends GreenMail {

        private final TestSmtpServer policy;

        PolicyGreenMail(TestSmtpServer policy, ServerSetup... setups) {
            super(setups);
            this.policy = policy;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers ignored) {
            // called from GreenMail's constructor: build the managers that consult the policy here
            managers = new PolicyManagers(this);
            return super.createServices(config, managers);
        }

        String check(MailAddress rcpt) {
            return policy == null ? null : policy.checkRecipient(rcpt);
        }

        void accepted(MimeMessage message) {
            policy.accepted(message);
        }

        String checkData(Set<MailAddress> recipients) {
            return policy.checkData(recipients);
        }
    }

    /** GreenMail's managers with an SMTP manager that applies the recipient policy. */
    private static final class PolicyManagers extends Managers {

        private final SmtpManager smtp;

        PolicyManagers(PolicyGreenMail owner) {
            smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress rcpt) {
                    return owner.check(rcpt);
                }

                @Override
                public String checkData(SmtpState state) {
                    return owner.checkData(state.getMessage().getToAddresses());
                }

                @Override
                public synchronized void send(SmtpState state) {
                    owner.accepted(state.getMessage().getMessage());   // before GreenMail releases the content
                    super.send(state);
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}

package io.herald.delivery;

import io.herald.mail.MailAsset;
import io.herald.mail.MessageComposer;
import io.herald.mail.PreparedComposer;
import io.herald.platform.Fields;
import io.herald.recipient.AttributesConverter;
import io.herald.template.TemplateRenderer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Composes a few messages of a made-up campaign once the server has started, and throws them away, so the first real
 * campaign does not pay for loading and interpreting the composition code (its first message left 0.8 s later than a
 * second campaign's: docs/performance.md, "The first message"). It reads and writes no row and opens no connection.
 */
@Singleton
@Startup
// once this node has joined (a node NodeRegistry refuses never starts it: a warm-up still running while such a node
// failed its deployment kept it from stopping) and the signing keys the list headers use are loaded
@DependsOn({"NodeRegistry", "ServerKeys"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SendPathWarmup {

    /** Messages composed: enough for the JIT to start compiling the hottest methods. */
    static final int MESSAGES = 200;

    /** The made-up campaign's id, and its recipients': no row has them (ids are far below), and nothing is stored. */
    static final long NO_ROW = Long.MAX_VALUE;

    private static final Logger LOG = Logger.getLogger(SendPathWarmup.class);

    @Inject
    CampaignMessages messages;

    @Resource(lookup = "java:jboss/mail/herald")
    Session session;

    @Resource
    ManagedExecutorService executor;

    private Future<?> run;

    @PostConstruct
    void start() {
        run = executor.submit(this::warm);
    }

    /** Whether the warm-up has ended (for tests). */
    public boolean done() {
        return run.isDone();
    }

    /** Composes MESSAGES messages as the send step would, and writes them nowhere; returns their total size. */
    long warm() {
        long started = System.nanoTime();
        long bytes = 0;
        try (Transport smtp = session.getTransport("smtp")) {     // Angus's SMTP classes, not connected
            SendingContext context = campaign();
            PreparedComposer composer = messages.composer(context);
            for (int i = 0; i < MESSAGES; i++) {
                InternetAddress to = CampaignMessages.addressee("reader" + i + "@example.org", "Reader " + i).mailbox();
                var scope = CampaignMessages.scope(AttributesConverter.fromJson("{\"plan\":\"gold\"}"), to.getAddress(),
                        "Reader " + i);
                MimeMessage message = messages.build(context, composer, to, scope,
                        MessageComposer.messageId("warmup." + i, context.from()), NO_ROW);
                var counter = new CountingStream();
                message.writeTo(counter);
                bytes += counter.count;
            }
            LOG.infof("send path warmed in %d ms (%d messages, %d bytes, written nowhere)",
                    (System.nanoTime() - started) / 1_000_000, MESSAGES, bytes);
        } catch (Exception | LinkageError e) {
            LOG.warnf("the send path's warm-up failed (the first campaign will start a little slower): %s", e);
        }
        return bytes;
    }

    /** A campaign like a bench or newsletter one: placeholders in subject and bodies, an inline image, an attachment. */
    private static SendingContext campaign() throws Exception {
        var template = TemplateRenderer.compile("Your {{plan}} plan, {{name}}",
                "<html><body><p>Hello {{name}},</p><p>your plan: {{plan}}.</p><img src=\"cid:logo\"></body></html>",
                "Hello {{name}},\nyour plan: {{plan}}.\n");
        byte[] bytes = "warm-up".getBytes(StandardCharsets.US_ASCII);
        return new SendingContext(NO_ROW, Fields.mailbox("news@example.org", "News"), Fields.mailbox("help@example.org", null),
                template, List.of(new MailAsset("notes.txt", "text/plain", null, bytes)),
                List.of(new MailAsset("logo.png", "image/png", "logo", bytes)), null, null, 0, 0, NO_ROW, "warm-up", null, null);
    }

    /** Counts what is written to it and keeps none of it. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.template.RenderedContent;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Nanoseconds per message of MessageComposer.compose and of PreparedComposer.compose, each followed by one writeTo
 * as SMTPTransport does it (docs/design.md, "Prepared messages"). Two campaigns: text and HTML alone (about
 * 4 KB), and the same with an 8 KB inline image and a 100 KB PDF. Not a unit test: run only when asked,
 *   mvn -B -o test -Dtest=PreparedComposerBench -Dsurefire.failIfNoSpecifiedTests=false -Dmime.bench=true
 * (-Dmime.bench.seconds=N per measurement, 5 by default, after as long a warm-up; three rounds, the best of each
 * is reported, since other work on the machine only ever slows a round down). Surefire's class path of some 200
 * jars makes every ServiceLoader lookup (Jakarta Mail 2.1 does one per MimeUtility.encode) far slower than in
 * WildFly's mail module, so the figures in docs/design.md come from main() on the mail jars alone:
 *   java -cp target/classes:target/test-classes:JARS io.herald.mail.PreparedComposerBench
 * with JARS the jakarta.mail-api 2.1.3, angus-mail, jakarta.activation-api, angus-activation and junit-jupiter-api
 * jars.
 */
@EnabledIfSystemProperty(named = "mime.bench", matches = "true")
class PreparedComposerBench {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String[] IGNORED = {"Bcc", "Content-Length"};

    private interface Composer {
        MimeMessage compose(MailHeaders headers, RenderedContent content) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        new PreparedComposerBench().nanosecondsPerMessage();
    }

    @Test
    void nanosecondsPerMessage() throws Exception {
        Random random = new Random(1);
        MailAsset logo = new MailAsset("logo.png", "image/png", "logo@herald", bytes(random, 8 * 1024));
        MailAsset pdf = new MailAsset("Übersicht.pdf", "application/pdf", null, bytes(random, 100 * 1024));
        measure("text+html", List.of(), List.of());
        measure("text+html+image+pdf", List.of(pdf), List.of(logo));
    }

    private static void measure(String campaign, List<MailAsset> attachments, List<MailAsset> images)
            throws Exception {
        PreparedComposer prepared = new PreparedComposer(SESSION, attachments, images);
        double naive = Double.MAX_VALUE;
        double fast = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            naive = Math.min(naive, run((h, c) -> MessageComposer.compose(SESSION, h, c, attachments, images)));
            fast = Math.min(fast, run(prepared::compose));
        }
        System.out.printf("BENCH %s: composed %.0f ns/message, prepared %.0f ns/message (%.1fx)%n", campaign,
                naive, fast, naive / fast);
        assertTrue(naive > 0 && fast > 0);
    }

    /** Warms up, then composes and writes messages for the configured seconds; returns ns per message. */
    private static double run(Composer composer) throws Exception {
        long seconds = Long.getLong("mime.bench.seconds", 5);
        loop(composer, seconds);
        long start = System.nanoTime();
        long count = loop(composer, seconds);
        return (System.nanoTime() - start) / (double) count;
    }

    private static long loop(Composer composer, long seconds) throws Exception {
        InternetAddress from = new InternetAddress("news@example.org", "Herald News", "UTF-8");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++, count++) {
                InternetAddress to = new InternetAddress("r" + count + "@example.com", "Zoë Müller " + count, "UTF-8");
                MailHeaders headers = new MailHeaders(from, to, null, "<c1.r" + count + "@example.org>",
                        Instant.ofEpochSecond(1_700_000_000L + count));
                composer.compose(headers, content(count)).writeTo(OutputStream.nullOutputStream(), IGNORED);
            }
        }
        return count;
    }

    /** A newsletter of about 4 KB: a personal greeting, then paragraphs every recipient gets. */
    private static RenderedContent content(long recipient) {
        String greeting = "Hallo Zoë " + recipient + ",";
        String paragraph = "Our spring offers are here: 20% off every plan until the end of the month, and the new "
                + "reports you asked for. Read more at https://example.org/news?id=" + recipient + "&utm=mail.";
        StringBuilder text = new StringBuilder(greeting).append("\n\n");
        StringBuilder html = new StringBuilder("<html><body><p>").append(greeting).append("</p>");
        for (int i = 0; i < 8; i++) {
            text.append(paragraph).append("\n\n");
            html.append("<p style=\"font-family: sans-serif; color: #333\">").append(paragraph).append("</p>\n");
        }
        html.append("<img src=\"cid:logo@herald\"></body></html>");
        return new RenderedContent("Frühlingsangebote für Zoë " + recipient, html.toString(), text.toString());
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }
}

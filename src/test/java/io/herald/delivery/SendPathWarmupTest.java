package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.deliverability.Deliverability;
import io.herald.deliverability.DeliverabilityService;
import io.herald.deliverability.DeliverabilitySettings;
import jakarta.mail.Session;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The start-up warm-up composes whole campaign messages, with no database and no SMTP server to talk to. */
class SendPathWarmupTest {

    @Test
    void composesEveryMessageWithoutADatabaseOrAnSmtpServer() {
        var settings = DeliverabilitySettings.parse(Map.of(
                DeliverabilitySettings.PUBLIC_BASE_URL, "https://news.example.org",
                DeliverabilitySettings.UNSUBSCRIBE_SECRET, "s3cret-s3cret-s3cret-s3cret-s3cret!")::get);
        var deliverability = new Deliverability(settings);
        var messages = new CampaignMessages();
        messages.clock = Clock.systemUTC();
        messages.deliverability = new DeliverabilityService() {
            @Override
            public Deliverability get() {
                return deliverability;
            }
        };
        var smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", "1");           // nothing listens there: a connection attempt would fail the run
        messages.session = Session.getInstance(smtp);
        var warmup = new SendPathWarmup();
        warmup.messages = messages;
        warmup.session = messages.session;

        long bytes = warmup.warm();

        // each message: headers, List-Unsubscribe, text and HTML bodies, an inline image and an attachment (> 1 KB);
        // a warm-up that failed part-way (and only logged it) would report fewer
        assertTrue(bytes > SendPathWarmup.MESSAGES * 1024L, "composed " + bytes + " bytes");
    }
}

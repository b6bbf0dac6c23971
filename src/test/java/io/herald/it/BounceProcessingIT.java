package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.Poll;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The process-bounces job against the bounce mailbox (GreenMail's IMAP, user bounces@bounces.herald.example): a
 * campaign goes out with VERP envelope senders, realistic bounces (Postfix, Exim, Exchange, Gmail, an auto-reply)
 * come back for its messages, and the job records each once: a hard bounce makes the delivery and the recipient
 * BOUNCED and suppresses the address, a soft one is counted (and suppresses at the limit, 3), anything else is kept
 * for review; every message leaves the inbox and nothing is ever counted twice.
 *
 * <p>The bounces are the fixtures of src/test/resources/bounces with their VERP token, original Message-ID and
 * recipient replaced by those of the campaign's real messages, and a Message-ID of their own per test.
 */
class BounceProcessingIT extends HeraldIT {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern VERP = Pattern.compile("<bounces\\+([^@>]+)@bounces\\.herald\\.example>");

    /** A fixture and what in it names the delivery it bounces: the VERP token, the original Message-ID, the address. */
    private record Fixture(String file, String token, String originalMessageId, String recipient) {
    }

    private static final Fixture POSTFIX_HARD = new Fixture("postfix-user-unknown.eml", "c7-d1042-Kx3q9Z",
            "<7.1042.5b1f0c3e-2d4a-4f7e-9a61-0c8e4a2b7d13@news.herald.example>", "ann@example.com");
    private static final Fixture EXIM_SOFT = new Fixture("exim-mailbox-full.eml", "c7-d1043-Pq8w2L",
            "<7.1043.0e9d6a57-7c1b-4b8e-8f0a-2a6c3e91d4b5@news.herald.example>", "carol@example.net");
    private static final Fixture EXCHANGE_HARD = new Fixture("exchange-ndr.eml", "c7-d1044-Zt5m1R",
            "<7.1044.9c3e1f20-6a5b-4e8d-b7c4-51d2e0f3a6b8@news.herald.example>", "dave@contoso.example");
    private static final Fixture GMAIL_HARD = new Fixture("gmail-style.eml", "c9-d2001-Hb7n4T",
            "<9.2001.f4e2a8c1-3b7d-4c6e-a2f9-8d1b0e5c7a34@news.herald.example>", "erin@example.org");
    private static final Fixture POSTFIX_DELAYED = new Fixture("postfix-delayed.eml", "c7-d1045-Wy2k6D",
            "<7.1045.2d7a9e14-8f3c-4b61-a0d5-6e9c1b4f2a87@news.herald.example>", "frank@slow.example");
    private static final Fixture AUTO_REPLY = new Fixture("auto-reply.eml", "c7-d1047-Ns4x7F",
            "<7.1047.c5a8e3d2-41f7-4b09-8e6a-9f2d7c1b3e58@news.herald.example>", "henry@example.com");

    @Test
    void hardBouncesBounceAndSuppressSoftOnesAreCountedAndTheRestIsKeptForReview() throws Exception {
        long list = listOf(6);
        long campaignId = sentCampaign(list);
        List<Fixture> fixtures = List.of(POSTFIX_HARD, EXIM_SOFT, EXCHANGE_HARD, GMAIL_HARD, POSTFIX_DELAYED, AUTO_REPLY);
        List<MimeMessage> bounces = new ArrayList<>();
        for (int i = 0; i < fixtures.size(); i++) {
            bounces.add(bounceOf(fixtures.get(i), address(i)));
            smtp.deliverToBounceMailbox(bounces.get(i));
        }

        processBounces();

        for (int i : new int[] {0, 2, 3}) {
            assertEquals("BOUNCED", deliveryStatus(campaignId, address(i)), address(i));
            assertEquals("BOUNCED", recipient(list, address(i)).get("status"), address(i));
            assertEquals(List.of("HARD_BOUNCE 0"), suppressions(address(i)), address(i) + " suppressed in every list");
        }
        for (int i : new int[] {1, 4}) {
            assertEquals("SENT", deliveryStatus(campaignId, address(i)), address(i));
            assertEquals(Map.of("status", "ACTIVE", "soft_bounces", 1L), recipient(list, address(i)), address(i));
            assertEquals(List.of(), suppressions(address(i)), address(i) + " not suppressed");
        }
        assertEquals("SENT", deliveryStatus(campaignId, address(5)), "an auto-reply changes nothing");
        assertEquals(Map.of("status", "ACTIVE", "soft_bounces", 0L), recipient(list, address(5)));
        List<String> ids = messageIds(bounces);
        List<String> inbox = smtp.bounceFolder("INBOX");
        ids.forEach(id -> assertFalse(inbox.contains(id), id + " left in INBOX"));
        assertTrue(smtp.bounceFolder("Herald/Processed").containsAll(ids.subList(0, 5)), "hard and soft: processed");
        assertTrue(smtp.bounceFolder("Herald/Review").contains(ids.get(5)), "the auto-reply is kept for review");
        JsonObject autoReply = event(ids.get(5));
        assertEquals("UNCLASSIFIED", autoReply.getString("outcome"));
        assertTrue(autoReply.getString("reason").contains("not a delivery status notification"), autoReply.toString());
        assertEquals("HARD", event(ids.get(0)).getString("outcome"));
        assertEquals("5.1.1", event(ids.get(0)).getString("status"));

        Map<String, Object> before = state(campaignId, list, ids);
        processBounces();
        assertEquals(before, state(campaignId, list, ids), "a second run with nothing new changes nothing");

        // the job died after recording these and before moving them: they are in the inbox again
        smtp.deliverToBounceMailbox(bounceWithId(EXIM_SOFT, address(1), ids.get(1)));
        smtp.deliverToBounceMailbox(bounceWithId(POSTFIX_HARD, address(0), ids.get(0)));
        processBounces();
        assertEquals(before, state(campaignId, list, ids), "a message seen again is not counted again");
        assertFalse(smtp.bounceFolder("INBOX").contains(ids.get(1)), "but it is moved out of the inbox");
    }

    @Test
    void anAddressIsSuppressedAtItsThirdSoftBounce() throws Exception {
        long list = listOf(1);
        long campaignId = sentCampaign(list);

        smtp.deliverToBounceMailbox(bounceOf(EXIM_SOFT, address(0)));
        smtp.deliverToBounceMailbox(bounceOf(POSTFIX_DELAYED, address(0)));
        processBounces();
        assertEquals(Map.of("status", "ACTIVE", "soft_bounces", 2L), recipient(list, address(0)));
        assertEquals(List.of(), suppressions(address(0)), "two soft bounces are not enough");

        MimeMessage third = bounceOf(EXIM_SOFT, address(0));     // the same report, a new message
        smtp.deliverToBounceMailbox(third);
        processBounces();

        assertEquals(Map.of("status", "ACTIVE", "soft_bounces", 3L), recipient(list, address(0)));
        assertEquals(List.of("HARD_BOUNCE 0"), suppressions(address(0)), "suppressed in every list at the limit");
        assertEquals("SENT", deliveryStatus(campaignId, address(0)), "a soft bounce never makes a delivery BOUNCED");
        JsonObject event = event(third.getMessageID());
        assertEquals("SOFT_LIMIT", event.getString("outcome"));
        assertEquals("3 soft bounces, the limit is 3: suppressed", event.getString("reason"));
    }

    @Test
    void aBounceThatNamesNoDeliveryOfHeraldSuppressesNobody() throws Exception {
        long list = listOf(1);
        long campaignId = sentCampaign(list);
        String real = token(received(address(0)));
        // a forged MAC and an unknown Message-ID: someone trying to get an address suppressed
        String forged = real.substring(0, real.length() - 4) + (real.endsWith("0000") ? "1111" : "0000");
        MimeMessage bounce = fill(POSTFIX_HARD, forged, "<forged." + UUID.randomUUID() + "@news.herald.example>",
                address(0), "<" + UUID.randomUUID() + "@mail.example.net>");
        smtp.deliverToBounceMailbox(bounce);

        processBounces();

        assertEquals("UNMATCHED", event(bounce.getMessageID()).getString("outcome"));
        assertEquals("SENT", deliveryStatus(campaignId, address(0)));
        assertEquals(List.of(), suppressions(address(0)));
        assertTrue(smtp.bounceFolder("Herald/Review").contains(bounce.getMessageID().trim()));
        assertEquals(403, HeraldApi.operator().post("bounces/process").status(), "operators may not start a run");
        assertEquals(200, HeraldApi.operator().get("bounces/events?page=0&size=10").status(), "but may read");
    }

    @Test
    void aBounceArrivingAfterTheAddressWasErasedIsKeptWithoutIt() throws Exception {
        sentCampaign(listOf(1));
        MimeMessage bounce = bounceOf(POSTFIX_HARD, address(0));   // the receiving server's report, naming the address
        api.expect(200, api.delete("people/" + address(0)));
        smtp.deliverToBounceMailbox(bounce);

        processBounces();

        JsonObject event = event(bounce.getMessageID());
        assertEquals("UNMATCHED", event.getString("outcome"), event.toString());
        assertTrue(event.getString("reason").startsWith("the address was erased on request (GDPR Art. 17); names no"
                + " delivery of Herald"), event.toString());
        String like = "%" + address(0).toLowerCase() + "%";
        assertEquals(List.of(), db.rows("SELECT id FROM bounce_event WHERE LOWER(reported_recipient) LIKE ?"
                + " OR LOWER(diagnostic) LIKE ? OR LOWER(reason) LIKE ?", like, like, like), "the address in clear");
        assertEquals(List.of(), suppressions(address(0)), "no suppression in clear: the erased entry is its hash");
    }

    /** A campaign of HeraldIT's template to the list, sent and COMPLETED. */
    private long sentCampaign(long list) {
        long campaignId = campaign(personalisedTemplate(), list);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        return campaignId;
    }

    /** POST /bounces/process, then polls the run until it ends; it must complete. */
    private JsonObject processBounces() {
        long execution = api.expect(202, api.post("bounces/process")).object().getJsonNumber("executionId").longValue();
        JsonObject run = Poll.until(Duration.ofMinutes(1), "process-bounces execution " + execution + " to end", () -> {
            JsonObject r = api.expect(200, api.get("bounces/process/" + execution)).object();
            return r.getString("status").startsWith("START") ? null : r;
        });
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        return run;
    }

    /** The bounce of this test's message to {@code address}, with a Message-ID of its own. */
    private MimeMessage bounceOf(Fixture f, String address) throws Exception {
        return bounceWithId(f, address, "<" + UUID.randomUUID() + "@mail.example.net>");
    }

    private MimeMessage bounceWithId(Fixture f, String address, String messageId) throws Exception {
        MimeMessage sent = received(address);
        return fill(f, token(sent), sent.getMessageID(), address, messageId);
    }

    /** The fixture with its token, original Message-ID, recipient and own Message-ID replaced. */
    private static MimeMessage fill(Fixture f, String token, String originalMessageId, String address,
                                    String messageId) throws IOException, MessagingException {
        String raw;
        try (InputStream in = BounceProcessingIT.class.getResourceAsStream("/bounces/" + f.file())) {
            raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String ownId = new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)))
                .getMessageID().trim();
        String filled = raw.replace(f.token(), token)
                .replace(f.originalMessageId(), originalMessageId)
                .replace(f.recipient(), address)
                .replace(ownId, messageId);
        return new MimeMessage(SESSION, new ByteArrayInputStream(filled.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The message the SMTP server received for the address. */

    /** The VERP token of the envelope sender, which GreenMail records as the Return-Path. */
    private static String token(MimeMessage m) throws MessagingException {
        String returnPath = m.getHeader("Return-Path", null);
        Matcher verp = VERP.matcher(returnPath == null ? "" : returnPath);
        assertTrue(verp.find(), "the envelope sender is not a VERP address (is HERALD_BOUNCE_DOMAIN set?): " + returnPath);
        return verp.group(1);
    }

    private static List<String> messageIds(List<MimeMessage> messages) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : messages) {
            ids.add(m.getMessageID().trim());
        }
        return ids;
    }

    /** The bounce event of the bounce message with this Message-ID, from GET /bounces/events. */
    private JsonObject event(String messageId) {
        var items = api.expect(200, api.get("bounces/events?page=0&size=1000")).object().getJsonArray("items");
        return items.stream().map(v -> v.asJsonObject())
                .filter(e -> messageId.trim().equals(e.getString("messageId", null)))
                .findFirst().orElseThrow(() -> new AssertionError("no bounce event for " + messageId + ": " + items));
    }

    private String deliveryStatus(long campaignId, String email) {
        return (String) db.rows("SELECT status FROM delivery WHERE campaign_id = ? AND email = ?", campaignId, email)
                .get(0).get("status");
    }

    private Map<String, Object> recipient(long list, String email) {
        var row = db.rows("SELECT status, soft_bounces FROM recipient WHERE list_id = ? AND email = ?", list, email)
                .get(0);
        return Map.of("status", row.get("status"), "soft_bounces", ((Number) row.get("soft_bounces")).longValue());
    }

    /** "REASON list_id" per suppression entry of the address. */
    private List<String> suppressions(String email) {
        return db.rows("SELECT reason, list_id FROM suppression WHERE email = ? ORDER BY id", email).stream()
                .map(r -> r.get("reason") + " " + ((Number) r.get("list_id")).longValue()).toList();
    }

    /** Everything bounce processing may change for this test's campaign, list and bounce messages. */
    private Map<String, Object> state(long campaignId, long list, List<String> bounceIds) {
        List<Object> events = new ArrayList<>();
        for (String id : bounceIds) {
            events.add(db.rows("SELECT outcome, delivery_id FROM bounce_event WHERE message_id = ?", id));
        }
        return Map.of(
                "deliveries", db.rows("SELECT email, status, reason FROM delivery WHERE campaign_id = ? ORDER BY id",
                        campaignId),
                "recipients", db.rows("SELECT email, status, soft_bounces FROM recipient WHERE list_id = ? ORDER BY id",
                        list),
                "suppressions", db.rows("SELECT email, reason, list_id FROM suppression WHERE email LIKE ? ORDER BY id",
                        "%@" + domain),
                "events", events);
    }

    @Test
    void aHardBounceForBobInCapitalsSuppressesBob() throws Exception {
        String bob = "BOB@" + domain;
        long list = api.expect(201, api.post("lists", jakarta.json.Json.createObjectBuilder().add("name", "b " + domain).build())).id();
        long other = api.expect(201, api.post("lists", jakarta.json.Json.createObjectBuilder().add("name", "o " + domain).build())).id();
        for (var l : Map.of(list, bob, other, "bob@" + domain).entrySet()) {
            api.expect(200, api.post("lists/" + l.getKey() + "/recipients", jakarta.json.Json.createArrayBuilder()
                    .add(jakarta.json.Json.createObjectBuilder().add("email", l.getValue())).build()));
        }
        sentCampaign(list);
        smtp.deliverToBounceMailbox(bounceOf(POSTFIX_HARD, bob));

        processBounces();

        assertEquals("BOUNCED", recipient(other, "bob@" + domain).get("status"), "the same mailbox in the other list");
        JsonObject check = api.expect(200, api.get("suppressions/check?address=bob@" + domain)).object();
        assertTrue(check.getBoolean("suppressed"), check.toString());
        long third = api.expect(201, api.post("lists", jakarta.json.Json.createObjectBuilder().add("name", "t " + domain).build())).id();
        JsonObject added = api.expect(200, api.post("lists/" + third + "/recipients", jakarta.json.Json.createArrayBuilder()
                .add(jakarta.json.Json.createObjectBuilder().add("email", "bob@" + domain)).build())).object();
        assertEquals(0, added.getInt("added"), added.toString());
        assertTrue(added.getJsonArray("rejected").getJsonObject(0).getString("reason").contains("suppressed (HARD_BOUNCE)"),
                added.toString());
    }
}

package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Bad input never corrupts a campaign: an address or a name that cannot be mailed is SKIPPED with its reason, a
 * request that could never be sent is refused naming the field and the rule, and everyone else gets exactly one
 * message. The 10 MB cases need Undertow's max-post-size raised above its 10 MiB default (a 10 MiB file is
 * 14 MB of base64 JSON).
 */
class BadInputIT extends HeraldIT {

    private static final int MIB = 1024 * 1024;
    private static final String SMTPUTF8_REASON = "UTF-8 local part needs SMTPUTF8, which Herald does not use";

    @Test
    void recipientsThatCannotBeMailedAreSkippedWithAReasonAndEveryoneElseGetsOneMessage() throws Exception {
        int n = 20;
        long listId = listOf(n);
        String idn = "anna@bücher." + domain;
        String idnAsALabels = "anna@xn--bcher-kva." + domain;
        String utf8LocalPart = "jörg@" + domain;
        var added = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(entry(idn, "Anna Müller"))
                .add(entry(utf8LocalPart, "Jörg"))
                .build())).object();
        assertEquals(2, added.getInt("added"), "the API accepts both internationalised addresses: " + added);
        // rows written by another tool, which the API would have refused: the send step checks every row again
        String longLocalPart = "l".repeat(65) + "@" + domain;
        String tooLong = addressOfOctets(255);
        String bell = "bell@" + domain;
        insertRecipient(listId, longLocalPart, "Long Local Part");
        insertRecipient(listId, tooLong, "Too Long");
        insertRecipient(listId, bell, "Bell\u0007Name");
        long campaignId = campaign(personalisedTemplate(), listId);

        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", n + 1L, "SKIPPED", 4L), db.deliveryCounts(campaignId));
        Map<String, String> reasons = new HashMap<>();
        for (var row : db.rows("SELECT email, reason FROM delivery WHERE campaign_id = ? AND status = 'SKIPPED'", campaignId)) {
            reasons.put((String) row.get("email"), (String) row.get("reason"));
        }
        assertEquals(SMTPUTF8_REASON, reasons.get(utf8LocalPart));
        assertContains("local part is 65 octets long; RFC 5321 allows at most 64", reasons.get(longLocalPart));
        assertContains("address is 255 octets long; RFC 5321 allows at most 254", reasons.get(tooLong));
        assertContains("name contains a control character (U+0007) at position 5", reasons.get(bell));

        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i) + " messages received");
        }
        assertEquals(1, received.getOrDefault(idnAsALabels, 0), idnAsALabels + " messages received");
        assertEquals(n + 1, received.entrySet().stream().filter(e -> e.getKey().endsWith(domain))
                .mapToInt(Map.Entry::getValue).sum(), "nobody skipped received anything: " + received);

        // the internationalised domain went out as A-labels, in RCPT TO (on record in the audit log) and in To
        assertEquals(List.of(Map.of("rcpt_to", idnAsALabels)), db.rows(
                "SELECT rcpt_to FROM audit_entry WHERE campaign_id = ? AND rcpt_to LIKE 'anna@%'", campaignId));
        MimeMessage toAnna = smtp.received().stream().filter(m -> recipient(m).equals(idnAsALabels)).findFirst().orElseThrow();
        var to = (InternetAddress) toAnna.getRecipients(Message.RecipientType.TO)[0];
        assertEquals(idnAsALabels, to.getAddress());
        assertEquals("Anna Müller", to.getPersonal());
        assertEquals("Hello Anna Müller", toAnna.getSubject());
        // while the list keeps the address as it was given
        assertEquals(1, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ? AND email = ?", listId, idn));
    }

    @Test
    void recipientsThatCouldNeverBeMailedAreRejectedEntryByEntryWithTheRule() {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "bad input " + domain).build())).id();
        var result = api.expect(200, api.post("lists/" + listId + "/recipients", Json.createArrayBuilder()
                .add(entry("ok@" + domain, "Ok"))
                .add(entry("l".repeat(65) + "@" + domain, null))
                .add(entry(addressOfOctets(255), null))
                .add(entry("ü".repeat(33) + "@" + domain, null))
                .add(entry("vt@" + domain, "Vertical\u000BTab"))
                .add(entry("esc@" + domain, "\u001B[31mRed"))
                .add(entry("bell\u0007@" + domain, null))
                .add(entry("label@" + "x".repeat(64) + "." + domain, null))
                .build())).object();

        assertEquals(1, result.getInt("added"), result.toString());
        List<String> expected = List.of(
                "local part is 65 octets long; RFC 5321 allows at most 64",
                "address is 255 octets long; RFC 5321 allows at most 254",
                "local part is 66 octets long",                             // 33 characters, 66 octets in UTF-8
                "name contains a control character (U+000B) at position 9",
                "name contains a control character (U+001B) at position 1",
                "address contains a control character (U+0007) at position 5",
                "is not a valid host name");
        var rejected = result.getJsonArray("rejected");
        assertEquals(expected.size(), rejected.size(), result.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(i + 1, rejected.getJsonObject(i).getInt("index"), rejected.toString());
            assertContains(expected.get(i), rejected.getJsonObject(i).getString("reason"));
        }
        assertEquals(1, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
    }

    @Test
    void headerValuesWithAControlCharacterAndUnsendableSendersAreRefused() {
        refused("subject", "subject contains a control character (U+0007) at position 5",
                () -> api.post("templates", template("Ding\u0007dong", List.of())));
        refused("attachments[0].filename", "control character (U+0009)",
                () -> api.post("templates", template("s", List.of(attachment("a\tb.pdf", new byte[] {1, 2, 3})))));

        long templateId = personalisedTemplate();
        long listId = listOf(1);
        refused("fromName", "fromName contains a control character (U+001B) at position 1",
                () -> api.post("campaigns", campaignRequest(templateId, listId, "news@herald.example").add("fromName", "\u001B[1mNews").build()));
        refused("fromAddress", "local part is 65 octets long",
                () -> api.post("campaigns", campaignRequest(templateId, listId, "n".repeat(65) + "@herald.example").build()));
        refused("fromAddress", SMTPUTF8_REASON,
                () -> api.post("campaigns", campaignRequest(templateId, listId, "jörg@herald.example").build()));
        refused("replyTo", "address contains a control character (U+007F)",
                () -> api.post("campaigns", campaignRequest(templateId, listId, "news@herald.example").add("replyTo", "help\u007F@herald.example").build()));
    }

    @Test
    void anAttachmentOverTenMebibytesIsRefusedNamingTheLimit() {
        refused("attachments[0].content", "attachments[0].content is 11534336 bytes after base64 decoding; "
                        + "a file may have at most 10485760 bytes (10 MiB)",
                () -> api.post("templates", template("Your file", List.of(attachment("big.bin", bytes(11 * MIB))))));
    }

    @Test
    void aTenMegabyteAttachmentIsStoredAndDeliveredIntact() throws Exception {
        byte[] file = bytes(10_000_000);
        long templateId = api.expect(201, api.post("templates", template("Your file", List.of(attachment("data.bin", file))))).id();
        var view = api.expect(200, api.get("templates/" + templateId)).object();
        assertEquals(10_000_000, view.getJsonArray("attachments").getJsonObject(0).getInt("size"), view.toString());
        long campaignId = campaign(templateId, listOf(1));

        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", 1L), db.deliveryCounts(campaignId));
        List<MimeMessage> mine = smtp.received().stream().filter(m -> recipient(m).equals(address(0))).toList();
        assertEquals(1, mine.size(), "messages received by " + address(0));
        BodyPart attachment = ((MimeMultipart) mine.get(0).getContent()).getBodyPart(1);
        assertEquals(Part.ATTACHMENT, attachment.getDisposition());
        assertEquals("data.bin", attachment.getFileName());
        try (InputStream in = attachment.getInputStream()) {
            assertArrayEquals(file, in.readAllBytes(), "the attachment as received, byte for byte");
        }
    }

    /** Sends the request and checks the 400, the field named, the words of the message, and that no table changed. */
    private void refused(String field, String problem, Supplier<Reply> request) {
        Map<String, Long> before = db.tableCounts();
        Reply reply = request.get();
        assertEquals(400, reply.status(), "HTTP status of a refused request: " + reply.body());
        JsonObject body = reply.object();
        assertEquals(field, body.getString("field"), body.toString());
        assertContains(problem, body.getString("error"));
        assertEquals(before, db.tableCounts(), "nothing saved by a refused request: " + body);
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual != null && actual.contains(expected), "'" + actual + "' should contain '" + expected + "'");
    }

    private static JsonObjectBuilder entry(String email, String name) {
        var entry = Json.createObjectBuilder().add("email", email);
        return name == null ? entry : entry.add("name", name).add("attributes", Json.createObjectBuilder().add("code", "C-x"));
    }

    /** A recipient row as an SQL load or an older importer would write it, past the API's validation. */
    private void insertRecipient(long listId, String email, String name) {
        int at = email.lastIndexOf('@');
        String key = email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
        db.update("INSERT INTO recipient (list_id, email, email_key, name, status, created_at) "
                + "VALUES (?, ?, ?, ?, 'ACTIVE', CURRENT_TIMESTAMP)", listId, email, key, name);
    }

    /** An address in this test's domain of exactly n octets: a 60-octet local part, labels of at most 63. */
    private String addressOfOctets(int n) {
        int last = n - (60 + 1 + 64 + 64 + 1 + domain.length());
        String address = "l".repeat(60) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(last) + "." + domain;
        assertEquals(n, address.length());
        return address;
    }

    private JsonObject template(String subject, List<JsonObjectBuilder> attachments) {
        JsonArrayBuilder files = Json.createArrayBuilder();
        attachments.forEach(files::add);
        return Json.createObjectBuilder()
                .add("name", "bad input " + domain)
                .add("subject", subject)
                .add("text", "Your file is attached.")
                .add("attachments", files)
                .build();
    }

    private static JsonObjectBuilder attachment(String filename, byte[] content) {
        return Json.createObjectBuilder()
                .add("filename", filename)
                .add("contentType", "application/octet-stream")
                .add("content", Base64.getEncoder().encodeToString(content));
    }

    private JsonObjectBuilder campaignRequest(long templateId, long listId, String fromAddress) {
        return Json.createObjectBuilder()
                .add("name", "bad input " + domain)
                .add("templateId", templateId)
                .add("listId", listId)
                .add("fromAddress", fromAddress);
    }

    /** Random bytes, the same for the same size: every byte value appears, so any re-encoding would show. */
    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static String recipient(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.herald.template.RenderedContent;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A prepared message is byte for byte the message MessageComposer.compose makes, but for its multipart boundaries
 * (the campaign's, not new ones per message): checked on random campaigns and recipients. Each run draws a new seed;
 * a failure names it, and -Dmime.seed=N runs that one again (-Dmime.campaigns=N for more than 150 campaigns).
 */
class PreparedComposerTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");
    private static final Pattern ENCODING = Pattern.compile("Content-Transfer-Encoding: (\\S+)");
    private static final int CAMPAIGNS = Integer.getInteger("mime.campaigns", 150);
    private static final int RECIPIENTS = 6;

    private static final String[] ASCII_WORDS = {"Hello", "offer", "a=b", "50%", "--", "x", "<p>", "</p>",
        "<a href=\"https://example.org/?a=1&b=2\">link</a>", "tab\there", "end.", "=3D", "=", "_", "?", "\"quoted\""};
    private static final String[] OTHER_WORDS = {"Grüße", "naïve", "Ærø", "日本語のテキスト", "中文", "😀", "🎉🎉",
        "Привет", "שלום", "ß", "€100", "é"};
    private static final String[] BREAKS = {"\n", "\r\n", "\r", " \n", "\t\r\n", "\n\n"};

    @Test
    void preparedMessagesAreTheComposedOnesButForTheBoundaries() throws Exception {
        long seed = Long.getLong("mime.seed", new SecureRandom().nextLong());
        Random random = new Random(seed);
        Set<String> encodings = new TreeSet<>();
        for (int c = 0; c < CAMPAIGNS; c++) {
            Campaign campaign = campaign(random, c);
            PreparedComposer composer = new PreparedComposer(SESSION, campaign.attachments, campaign.images);
            for (int r = 0; r < RECIPIENTS; r++) {
                MailHeaders headers = headers(random, campaign, r);
                RenderedContent content = content(random, campaign);
                String where = "seed " + seed + " (-Dmime.seed=" + seed + "), campaign " + c + ", recipient " + r;

                MimeMessage prepared = composer.compose(headers, content);
                MimeMessage composed = MessageComposer.compose(SESSION, headers, content, campaign.attachments,
                        campaign.images);

                assertInstanceOf(PreparedMessage.class, prepared, where);
                assertSameBytes(bytes(composed), bytes(prepared), where);
                Matcher encoding = ENCODING.matcher(new String(bytes(prepared), StandardCharsets.ISO_8859_1));
                while (encoding.find()) {
                    encodings.add(encoding.group(1));
                }
            }
        }
        assertEquals(Set.of("7bit", "base64", "quoted-printable"), encodings, "seed " + seed);
    }

    @Test
    void theSmtpTransportsIgnoredHeadersAreLeftOutAsByMimeMessage() throws Exception {
        PreparedComposer composer = new PreparedComposer(SESSION, List.of(), List.of());
        MailHeaders headers = headers(new Random(1), 1, 1);
        RenderedContent content = new RenderedContent("Hi", "<p>Hi</p>", "Hi");
        MimeMessage prepared = composer.compose(headers, content);
        MimeMessage composed = MessageComposer.compose(SESSION, headers, content, List.of(), List.of());
        String[] ignored = {"Bcc", "Content-Length", "Date"};

        assertSameBytes(bytes(composed, ignored), bytes(prepared, ignored), "with an ignore list");
        assertFalse(new String(bytes(prepared, ignored), StandardCharsets.US_ASCII).contains("Date:"));
    }

    @Test
    void saveChangesKeepsTheMessageIdAndTheBytes() throws Exception {
        MimeMessage prepared = new PreparedComposer(SESSION, List.of(), List.of())
                .compose(headers(new Random(2), 7, 42), new RenderedContent("Hi", "<p>Hi</p>", "Hi"));
        byte[] before = bytes(prepared);

        prepared.saveChanges();

        assertEquals("<c7.r42@example.org>", prepared.getMessageID());
        assertSameBytes(before, bytes(prepared), "after saveChanges");
    }

    @Test
    void itsContentReadsLikeAReceivedMessage() throws Exception {
        MailAsset logo = new MailAsset("logo.png", "image/png", "logo@herald", new byte[] {1, 2, 3});
        MimeMessage prepared = new PreparedComposer(SESSION, List.of(), List.of(logo))
                .compose(headers(new Random(3), 1, 1), new RenderedContent("Hi", "<img src=\"cid:logo@herald\">",
                        "Grüße"));

        Multipart alternative = (Multipart) prepared.getContent();
        assertEquals("Grüße", alternative.getBodyPart(0).getContent());
        assertTrue(((Multipart) alternative.getBodyPart(1).getContent()).getBodyPart(1).isMimeType("image/png"));
        assertEquals(bytes(prepared).length - headerLength(bytes(prepared)), prepared.getSize());
    }

    @Test
    void aBodyHoldingTheCampaignsBoundaryIsComposedAfresh() throws Exception {
        PreparedComposer composer = new PreparedComposer(SESSION, List.of(), List.of());
        MimeMessage first = composer.compose(headers(new Random(4), 1, 1), new RenderedContent("Hi", "<p>Hi</p>", "Hi"));
        Matcher boundary = BOUNDARY.matcher(first.getContentType());
        assertTrue(boundary.find(), first.getContentType());
        String text = "Hi\r\n--" + boundary.group(1) + "\r\nnot a part\r\n";

        MimeMessage second = composer.compose(headers(new Random(5), 1, 2), new RenderedContent("Hi", "<p>Hi</p>", text));

        assertFalse(second instanceof PreparedMessage);
        MimeMessage received = new MimeMessage(SESSION, new ByteArrayInputStream(bytes(second)));
        assertEquals(text, ((Multipart) received.getContent()).getBodyPart(0).getContent());
    }

    @Test
    void aMessageWithoutBodyOrWithImagesButNoHtmlIsRefusedAsByTheComposer() throws Exception {
        MailAsset logo = new MailAsset("logo.png", "image/png", "logo@herald", new byte[] {1});
        MailHeaders headers = headers(new Random(6), 1, 1);

        assertThrows(IllegalArgumentException.class, () -> new PreparedComposer(SESSION, List.of(), List.of())
                .compose(headers, new RenderedContent("Hi", null, null)));
        assertThrows(IllegalArgumentException.class, () -> new PreparedComposer(SESSION, List.of(), List.of(logo))
                .compose(headers, new RenderedContent("Hi", null, "Hi")));
    }

    // ---- random campaigns and recipients

    /** As SendingContext holds them: one From and Reply-To object, a subject without placeholders or none. */
    private record Campaign(int id, boolean html, boolean text, List<MailAsset> attachments, List<MailAsset> images,
                            InternetAddress from, InternetAddress replyTo, String subject, Instant date) {
    }

    private static Campaign campaign(Random random, int id) throws Exception {
        int shape = random.nextInt(3);
        boolean html = shape != 0;
        boolean text = shape != 1;
        List<MailAsset> images = new ArrayList<>();
        if (html) {
            for (int i = random.nextInt(3); i > 0; i--) {
                images.add(new MailAsset(random.nextBoolean() ? null : fileName(random, ".png"),
                        random.nextBoolean() ? "image/png" : "image/gif", "img" + i + "." + random.nextInt(1000)
                        + "@herald", binary(random)));
            }
        }
        List<MailAsset> attachments = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> attachments.add(new MailAsset(fileName(random, ".pdf"), "application/pdf", null,
                        binary(random)));
                case 1 -> attachments.add(new MailAsset(fileName(random, ".csv"), "text/csv", null,
                        body(random).getBytes(StandardCharsets.UTF_8)));
                case 2 -> attachments.add(new MailAsset(null, "application/octet-stream", null,
                        asciiLines(random).getBytes(StandardCharsets.US_ASCII)));
                default -> attachments.add(new MailAsset(fileName(random, ".txt"), "text/plain; charset=UTF-8",
                        null, body(random).getBytes(StandardCharsets.UTF_8)));
            }
        }
        InternetAddress from = new InternetAddress("news@example.org", name(random), "UTF-8");
        InternetAddress replyTo = random.nextBoolean() ? null : new InternetAddress("help@example.org", name(random),
                "UTF-8");
        String subject = random.nextBoolean() ? null : subject(random);
        return new Campaign(id, html, text, attachments, images, from, replyTo, subject, date(random));
    }

    /** The campaign's From and Reply-To; its date, a few milliseconds later, or another. */
    private static MailHeaders headers(Random random, Campaign campaign, int recipient) throws Exception {
        InternetAddress to = new InternetAddress("r" + recipient + "@example.com", name(random), "UTF-8");
        Instant date = switch (random.nextInt(3)) {
            case 0 -> campaign.date;
            case 1 -> campaign.date.plusMillis(random.nextInt(2000));
            default -> date(random);
        };
        return new MailHeaders(campaign.from, to, campaign.replyTo,
                "<c" + campaign.id + ".r" + recipient + "@example.org>", date);
    }

    private static Instant date(Random random) {
        return Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000), random.nextInt(1_000_000_000));
    }

    private static MailHeaders headers(Random random, int campaign, int recipient) throws Exception {
        InternetAddress from = new InternetAddress("news@example.org", name(random), "UTF-8");
        InternetAddress to = new InternetAddress("r" + recipient + "@example.com", name(random), "UTF-8");
        InternetAddress replyTo = random.nextBoolean() ? null : new InternetAddress("help@example.org", name(random),
                "UTF-8");
        Instant date = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000));
        return new MailHeaders(from, to, replyTo, "<c" + campaign + ".r" + recipient + "@example.org>", date);
    }

    private static RenderedContent content(Random random, Campaign campaign) {
        String subject = campaign.subject != null && random.nextInt(4) > 0 ? campaign.subject : subject(random);
        String html = campaign.html ? "<html><body>" + body(random) + "</body></html>" : null;
        return new RenderedContent(subject, html, campaign.text ? body(random) : null);
    }

    private static String subject(Random random) {
        return words(random, random.nextInt(4) == 0 ? 40 : 8).replaceAll("[\r\n\t]+", " ").trim();
    }

    /** A display name: none, plain, with specials that need quoting, non-ASCII, or long enough to fold. */
    private static String name(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> "Ada Lovelace";
            case 2 -> "O'Neil, \"Dr.\" Jr.";
            case 3 -> "Zoë Ñúñez 日本";
            case 4 -> "A very long display name that goes on and on past the seventy-six characters of a line "
                    + "Ünïcödé";
            default -> words(random, 1 + random.nextInt(6)).replaceAll("[\r\n\t]+", " ").trim();
        };
    }

    private static String fileName(Random random, String extension) {
        return switch (random.nextInt(4)) {
            case 0 -> "report" + extension;
            case 1 -> "Übersicht März 2025" + extension;
            case 2 -> "a-file-name-that-is-long-enough-to-be-folded-or-split-by-rfc-2231-parameters-"
                    + random.nextInt(1000) + extension;
            default -> "数据 " + random.nextInt(100) + extension;
        };
    }

    /** A body of one of the kinds that pick each transfer encoding: 7bit, quoted-printable or base64. */
    private static String body(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> asciiLines(random);                                       // 7bit
            case 2 -> asciiLines(random) + "y".repeat(999 + random.nextInt(50)); // a line over 998: quoted-printable
            case 3 -> String.join("", java.util.Collections.nCopies(1 + random.nextInt(20),
                    OTHER_WORDS[random.nextInt(OTHER_WORDS.length)]));           // mostly non-ASCII: base64
            case 4 -> "broken \uD800 surrogate " + words(random, 20);
            default -> words(random, random.nextInt(400));                        // mixed, lines of any length
        };
    }

    private static String asciiLines(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            for (int w = random.nextInt(25); w > 0; w--) {
                b.append(ASCII_WORDS[random.nextInt(ASCII_WORDS.length)]).append(' ');
            }
            b.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        return b.toString();
    }

    private static String words(Random random, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                b.append(ASCII_WORDS[random.nextInt(ASCII_WORDS.length)]);
            } else if (kind < 9) {
                b.append(OTHER_WORDS[random.nextInt(OTHER_WORDS.length)]);
            } else {
                b.append(BREAKS[random.nextInt(BREAKS.length)]);
            }
            b.append(random.nextInt(8) == 0 ? "  " : " ");
        }
        return b.toString();
    }

    private static byte[] binary(Random random) {
        byte[] data = new byte[random.nextInt(3000)];
        random.nextBytes(data);
        return data;
    }

    // ---- comparing

    static byte[] bytes(MimeMessage message, String... ignored) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, ignored.length == 0 ? null : ignored);
        return out.toByteArray();
    }

    private static int headerLength(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
    }

    /** Equal once each side's boundaries are renamed BOUNDARY-1, BOUNDARY-2, … in the order they first appear. */
    static void assertSameBytes(byte[] composed, byte[] prepared, String where) {
        String expected = withNumberedBoundaries(composed);
        String actual = withNumberedBoundaries(prepared);
        if (expected.equals(actual)) {
            return;
        }
        int at = 0;
        while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 200);
        fail(where + ": the bytes differ at offset " + at + " of " + expected.length() + "/" + actual.length()
                + "\n--- composed:\n" + expected.substring(from, Math.min(expected.length(), at + 200))
                + "\n--- prepared:\n" + actual.substring(from, Math.min(actual.length(), at + 200)));
    }

    private static String withNumberedBoundaries(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        List<String> boundaries = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(text);
        while (m.find()) {
            if (!boundaries.contains(m.group(1))) {
                boundaries.add(m.group(1));
            }
        }
        for (int i = 0; i < boundaries.size(); i++) {
            text = text.replace(boundaries.get(i), "BOUNDARY-" + (i + 1));
        }
        return text;
    }
}

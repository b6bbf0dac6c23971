import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare ceiling for bench/run: how fast plain Angus Mail sends the benchmark's messages to the same SMTP sink,
 * with none of Herald (no database, no batch job, no Mustache). T threads, each with one SMTP connection opened
 * once and reused; every message is a new MimeMessage built like Herald's MessageComposer builds it
 * (multipart/alternative, text then HTML, UTF-8; From and Reply-To with names, To with the recipient's name,
 * Subject, Date, a Message-ID on the From domain), personalised by String.replace of {{name}}, {{city}},
 * {{plan}} and {{email}}.
 *
 * <p>Run as a single-file program (Java 17), with jakarta.mail-api, angus-mail, jakarta.activation-api and
 * angus-activation on the class path:
 * <pre>java -cp JARS bench/BareLoop.java --threads 4 --messages 100000 --port 2525 \
 *      --html bench/template.html --text bench/template.txt --subject 'Your {{plan}} plan, {{name}}' [--csv FILE]</pre>
 * Recipients are read from --csv (columns email,name,city,plan, the file Herald imported) when given, cycling
 * through it if --messages is larger; otherwise generated as userNNNNNNN@example.test like bench/run does.
 * Prints a human line and, last, {@code BARE msgs_per_s=<n> messages=<n> threads=<n> seconds=<x>}; exits 1 if any
 * message failed.
 */
public class BareLoop {

    private static final String FROM = "news@herald.example";
    private static final String FROM_NAME = "Herald News";
    private static final String REPLY_TO = "help@herald.example";

    private record Recipient(String email, String name, String city, String plan) {
    }

    public static void main(String[] args) throws Exception {
        // the same Jakarta Mail setting Herald's server has (wildfly-config/configure-mail.cli): the StreamProvider is
        // named, not looked up with ServiceLoader for every body part
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        Map<String, String> opts = options(args);
        int threads = Integer.parseInt(opts.getOrDefault("threads", "4"));
        long messages = Long.parseLong(opts.getOrDefault("messages", "10000"));
        String host = opts.getOrDefault("host", "127.0.0.1");
        String port = opts.getOrDefault("port", "2525");
        String html = Files.readString(Path.of(opts.getOrDefault("html", "bench/template.html")), StandardCharsets.UTF_8);
        String text = Files.readString(Path.of(opts.getOrDefault("text", "bench/template.txt")), StandardCharsets.UTF_8);
        String subject = opts.getOrDefault("subject", "Your {{plan}} plan this month, {{name}}");
        List<Recipient> recipients = opts.containsKey("csv") ? readCsv(Path.of(opts.get("csv"))) : List.of();

        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", port);
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        props.put("mail.smtp.writetimeout", "60000");
        props.put("mail.smtp.quitwait", "false");
        Session session = Session.getInstance(props);
        InternetAddress from = new InternetAddress(FROM, FROM_NAME, "UTF-8");
        InternetAddress replyTo = new InternetAddress(REPLY_TO);

        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    for (long i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        Recipient r = recipients.isEmpty() ? generated(i + 1) : recipients.get((int) (i % recipients.size()));
                        try {
                            MimeMessage m = compose(session, from, replyTo, r, subject, html, text);
                            transport.sendMessage(m, m.getAllRecipients());
                            sent.incrementAndGet();
                        } catch (MessagingException e) {
                            if (failed.incrementAndGet() <= 5) {
                                System.err.println("bare: message to " + r.email() + " failed: " + e);
                            }
                            if (!transport.isConnected()) {
                                transport.connect();
                            }
                        }
                    }
                } catch (MessagingException e) {
                    failed.incrementAndGet();
                    System.err.println("bare: SMTP connection failed: " + e);
                }
            }, "bare-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rate = Math.round(sent.get() / seconds);
        System.out.printf("bare: %d messages sent (%d failed) in %.2f s by %d threads, one reused SMTP connection each: %d msgs/s%n",
                sent.get(), failed.get(), seconds, threads, rate);
        System.out.printf("BARE msgs_per_s=%d messages=%d threads=%d seconds=%.2f%n", rate, sent.get(), threads, seconds);
        System.exit(failed.get() == 0 && sent.get() == messages ? 0 : 1);
    }

    /** The message as Herald's MessageComposer shapes it: multipart/alternative, plain text first, then HTML. */
    private static MimeMessage compose(Session session, InternetAddress from, InternetAddress replyTo, Recipient r,
                                       String subject, String html, String text) throws MessagingException {
        String messageId = "<bench." + UUID.randomUUID() + "@herald.example>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        try {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(r.email(), r.name(), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8", e);
        }
        message.setReplyTo(new InternetAddress[] {replyTo});
        message.setSubject(render(subject, r), "UTF-8");
        message.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(render(text, r), "UTF-8", "plain");
        alternative.addBodyPart(plain);
        MimeBodyPart page = new MimeBodyPart();
        page.setText(render(html, r), "UTF-8", "html");
        alternative.addBodyPart(page);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String render(String template, Recipient r) {
        return template.replace("{{name}}", r.name()).replace("{{city}}", r.city()).replace("{{plan}}", r.plan())
                .replace("{{email}}", r.email());
    }

    /** Rows of the benchmark CSV: a header, then email,name,city,plan without quoting. */
    private static List<Recipient> readCsv(Path file) {
        List<Recipient> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals("email,name,city,plan")) {
                throw new IllegalArgumentException(file + ": the header must be email,name,city,plan, not " + header);
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length == 4) {
                    rows.add(new Recipient(f[0], f[1], f[2], f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no recipients");
        }
        return rows;
    }

    private static final String[] CITIES = {"Berlin", "Paris", "Lisbon", "Vienna", "Oslo", "Madrid", "Dublin",
            "Prague", "Rome", "Tallinn"};
    private static final String[] PLANS = {"Basic", "Pro", "Enterprise"};

    private static Recipient generated(long n) {
        return new Recipient(String.format("user%07d@example.test", n), "User " + n, CITIES[(int) (n % CITIES.length)],
                PLANS[(int) (n % PLANS.length)]);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: --threads T --messages N --port P [--host H] [--html F]"
                        + " [--text F] [--subject S] [--csv F]; at: " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }
}

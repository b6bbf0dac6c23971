package io.herald.people;

import io.herald.mail.AddressScrubber;
import static io.herald.people.PersonQueries.AUDIT_ENTRIES;
import static io.herald.people.PersonQueries.DELIVERY_IDS;
import static io.herald.people.PersonQueries.RECIPIENT_IDS;

import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.UnsentSkips;
import io.herald.platform.ApiException;
import io.herald.recipient.RecipientCounts;
import io.herald.recipient.RecipientStatus;
import io.herald.suppression.AddressHash;
import io.herald.suppression.ErasedEntries;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * DELETE /people/{address} (GDPR Art. 17), in one transaction, so an address is erased everywhere or nowhere: the
 * person's recipient rows are deleted; their deliveries, audit entries and bounce events stay (the campaigns' counts do
 * not change) with the address replaced by an irreversible hash, and with it quoted in SMTP replies, diagnostics and
 * rejected CSV lines; the suppression list keeps only the address's keyed hash, so it is never added or mailed again.
 * A delivery not yet sent (PENDING, DEFERRED) is SKIPPED; one being sent at this moment (SENDING) makes the erasure
 * refuse with 409, as its audit entry is about to be written.
 */
@ApplicationScoped
public class PersonErasure {

    static final String SKIP_REASON = "erased on request (GDPR Art. 17)";

    private static final Logger LOG = Logger.getLogger(PersonErasure.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    RecipientCounts counts;

    @Inject
    UnsentSkips unsentSkips;

    @Inject
    Clock clock;

    /** Erases the address: 400 if it is not one, 404 if Herald holds nothing of it, 409 if it cannot now. */
    @Transactional
    public Erasure erase(String rawAddress) {
        PersonAddress person = PersonAddress.of(rawAddress);
        AddressHash hash = AddressHash.server();
        try (Connection c = dataSource.getConnection()) {
            return erase(c, person, hash, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("the erasure failed and changed nothing: " + e.getMessage(), e);
        }
    }

    private Erasure erase(Connection c, PersonAddress person, AddressHash hash, Instant now) throws SQLException {
        String key = person.key();
        int skipped = unsentSkips.skip(RECIPIENT_IDS, List.of(key),
                EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.DEFERRED), SKIP_REASON, now);
        long sending = SqlRows.count(c,
                "SELECT COUNT(*) FROM delivery WHERE status = 'SENDING' AND recipient_id IN (" + RECIPIENT_IDS + ")", key);
        if (sending > 0) {
            throw ApiException.conflict("address", "a message to " + person.address() + " is being sent right now ("
                    + sending + " deliveries); nothing was erased: try again in a few seconds");
        }
        String replacement = replacement(key);
        TextScrub scrub = new TextScrub(c, new AddressScrubber(person.spellings()), replacement);
        Map<String, Integer> tables = new LinkedHashMap<>();
        anonymiseHistory(c, scrub, key, replacement, tables);
        // the rows are locked before the delete, so that the lists' counts go down by exactly what it deletes
        RecipientCounts.Change erased = new RecipientCounts.Change();
        for (Map<String, Object> row : SqlRows.list(c, "SELECT list_id, status FROM recipient WHERE email_key = ? FOR UPDATE",
                Integer.MAX_VALUE, key)) {
            erased.add(((Number) row.get("listId")).longValue(), RecipientStatus.valueOf((String) row.get("status")), -1);
        }
        tables.put("recipient", SqlRows.update(c, "DELETE FROM recipient WHERE email_key = ?", key));
        counts.apply(erased);
        tables.put("recipient_import_rejection", scrub.wholeFirst("recipient_import_rejection",
                List.of("raw_line", "reason")).size());
        tables.put("campaign", scrub.columns("campaign", List.of("status_reason"), "1 = 1").size());
        tables.put("delivery_counter", scrub.columnsKeyedBy("delivery_counter", List.of("campaign_id", "sender", "status"),
                List.of("last_error")).size());
        ErasedEntries.Outcome suppression = ErasedEntries.replace(c, hash, key, now);
        tables.put("suppression", suppression.deleted() + scrub.columns("suppression", List.of("note"), "1 = 1").size());

        boolean nothingHeld = tables.values().stream().allMatch(n -> n == 0);
        if (nothingHeld && suppression.hashedEntryCreated()) {
            throw new ApiException(404, "address", "Herald holds nothing about " + person.address());
        }
        List<String> warnings = warnings(c, hash);
        if (nothingHeld) {
            LOG.info("Erasure (GDPR Art. 17) asked for an address erased before: nothing was left to erase");
            return new Erasure(person.address(), now.toString(), null, hash.of(key), true, 0, tables, warnings);
        }
        // the log names the replacement, never the address: logs are kept too
        LOG.infof("Erased a person on request (GDPR Art. 17): rows per table %s, %d unsent deliveries skipped; the address"
                + " is now %s", tables, skipped, replacement);
        return new Erasure(person.address(), now.toString(), replacement, hash.of(key), false, skipped, tables, warnings);
    }

    /**
     * The person's audit entries, bounce events and deliveries keep their rows with the address replaced; the
     * deliveries last, as the others find the person through them (recipient_id is emptied).
     */
    private static void anonymiseHistory(Connection c, TextScrub scrub, String key, String replacement,
                                         Map<String, Integer> tables) throws SQLException {
        scrub.columns("audit_entry", List.of("reply_text"), AUDIT_ENTRIES, key, key);
        tables.put("audit_entry", SqlRows.update(c, "UPDATE audit_entry SET rcpt_to = ?, rcpt_key = ? WHERE " + AUDIT_ENTRIES,
                replacement, replacement, key, key));
        String linkedBounces = "delivery_id IN (" + DELIVERY_IDS + ") OR recipient_id IN (" + RECIPIENT_IDS + ")";
        Set<Object> bounces = scrub.ids("bounce_event", linkedBounces, key, key);
        SqlRows.update(c, "UPDATE bounce_event SET email = ?, recipient_id = NULL WHERE " + linkedBounces,
                replacement, key, key);
        bounces.addAll(scrub.columns("bounce_event", List.of("email", "reported_recipient", "diagnostic", "reason"),
                "1 = 1"));
        tables.put("bounce_event", bounces.size());
        scrub.columns("delivery", List.of("reply_text", "reason"), "recipient_id IN (" + RECIPIENT_IDS + ")", key);
        tables.put("delivery", SqlRows.update(c, "UPDATE delivery SET email = ?, recipient_id = NULL WHERE recipient_id IN ("
                + RECIPIENT_IDS + ")", replacement, key));
    }

    /** A warning when erased entries were hashed under another secret: those addresses are recognised no more. */
    private static List<String> warnings(Connection c, AddressHash hash) throws SQLException {
        List<String> warnings = new ArrayList<>();
        long stale = ErasedEntries.underOtherSecrets(c, hash);
        if (stale > 0) {
            String warning = stale + " earlier erasures were hashed under another HERALD_UNSUBSCRIBE_SECRET: their"
                    + " addresses are no longer recognised by the suppression checks and could be imported again";
            LOG.warn(warning);
            warnings.add(warning);
        }
        return warnings;
    }

    /**
     * What replaces the address in the rows that stay: "erased:" and 32 hex digits of SHA-256 over a random salt,
     * thrown away, and the key; the same in all of this erasure's rows, and computable by nobody, not even with the
     * server's secret.
     */
    static String replacement(String key) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return "erased:" + HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

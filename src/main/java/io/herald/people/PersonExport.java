package io.herald.people;

import io.herald.mail.AddressScrubber;
import static io.herald.people.PersonQueries.AUDIT_ENTRIES;
import static io.herald.people.PersonQueries.DELIVERY_IDS;
import static io.herald.people.PersonQueries.RECIPIENT_IDS;

import io.herald.platform.ApiException;
import io.herald.recipient.AttributesConverter;
import io.herald.suppression.AddressHash;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * GET /people/{address}/export (GDPR Art. 15): every row Herald holds about an address, read in one transaction. Each
 * history (deliveries, audit entries, bounce events, import rejections) is cut at {@code limit} rows, newest first,
 * with the total, so a person mailed for years still gets an answer of bounded size.
 */
@ApplicationScoped
public class PersonExport {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    Clock clock;

    /** The export as a JSON object: address, key, exportedAt, limit and one section per kind of row. */
    @Transactional
    public Map<String, Object> export(String rawAddress, int limit) {
        PersonAddress person = PersonAddress.of(rawAddress);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("address", person.address());
            export.put("key", person.key());
            export.put("exportedAt", clock.instant().toString());
            export.put("limit", limit);
            export.put("recipients", recipients(c, person.key(), limit));
            export.put("deliveries", section(c, "delivery d", "d.id IN (" + DELIVERY_IDS + ")",
                    "SELECT d.*, c.name AS campaign_name FROM delivery d JOIN campaign c ON c.id = d.campaign_id",
                    "d.id DESC", limit, person.key()));
            export.put("auditEntries", section(c, "audit_entry", AUDIT_ENTRIES, "SELECT * FROM audit_entry",
                    "attempted_at DESC, id", limit, person.key(), person.key()));
            export.put("suppressions", suppressions(c, person.key(), limit));
            export.put("bounceEvents", bounceEvents(c, person, limit));
            export.put("importRejections", importRejections(c, person, limit));
            return export;
        } catch (SQLException e) {
            throw new IllegalStateException("the export of " + person.address() + " failed: " + e.getMessage(), e);
        }
    }

    /** The person's recipient rows, one per list, with the list's name and the attributes as an object. */
    private static Section recipients(Connection c, String key, int limit) throws SQLException {
        Section s = section(c, "recipient r", "r.email_key = ?",
                "SELECT r.*, l.name AS list_name FROM recipient r JOIN recipient_list l ON l.id = r.list_id",
                "r.id", limit, key);
        s.items().forEach(row -> row.put("attributes", AttributesConverter.fromJson((String) row.get("attributes"))));
        return s;
    }

    /** The address's suppression entries: in clear, and its hashed entry if it was erased before and added again. */
    private static Section suppressions(Connection c, String key, int limit) throws SQLException {
        return section(c, "suppression s", "s.email_key IN (?, ?)", "SELECT s.* FROM suppression s", "s.id", limit,
                key, AddressHash.server().of(key));
    }

    /** Bounce events of the person's deliveries, or naming the address (as the address acted on or as reported). */
    private static Section bounceEvents(Connection c, PersonAddress person, int limit) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(person.key(), person.key()));
        StringBuilder where = new StringBuilder("b.delivery_id IN (" + DELIVERY_IDS + ") OR b.recipient_id IN ("
                + RECIPIENT_IDS + ")");
        for (String spelling : person.spellings()) {
            where.append(" OR LOWER(b.email) = ? OR LOWER(b.reported_recipient) = ?");
            params.add(spelling);
            params.add(spelling);
        }
        return section(c, "bounce_event b", where.toString(), "SELECT b.* FROM bounce_event b", "b.id DESC", limit,
                params.toArray());
    }

    /**
     * Rejected CSV lines that hold the address: found by LIKE, confirmed by AddressScrubber (a whole address, not a
     * longer one that ends with it), newest first; the total counts the confirmed ones.
     */
    private static Section importRejections(Connection c, PersonAddress person, int limit) throws SQLException {
        AddressScrubber scrubber = new AddressScrubber(person.spellings());
        List<String> patterns = scrubber.likePatterns();
        String sql = "SELECT j.*, i.list_id FROM recipient_import_rejection j JOIN recipient_import i ON i.id = j.import_id"
                + " WHERE " + PersonQueries.anyLike(List.of("j.raw_line", "j.reason"), patterns.size()) + " ORDER BY j.id DESC";
        List<Object> params = new ArrayList<>(patterns);
        params.addAll(patterns);
        List<Map<String, Object>> items = new ArrayList<>();
        long total = 0;
        for (Map<String, Object> row : SqlRows.list(c, sql, Integer.MAX_VALUE, params.toArray())) {
            if (scrubber.foundIn((String) row.get("rawLine")) || scrubber.foundIn((String) row.get("reason"))) {
                total++;
                if (items.size() < limit) {
                    items.add(row);
                }
            }
        }
        return Section.of(total, items);
    }

    /** COUNT(*) of the table's rows that match, and the first {@code limit} in order. */
    private static Section section(Connection c, String table, String where, String select, String order, int limit,
                                   Object... params) throws SQLException {
        long total = SqlRows.count(c, "SELECT COUNT(*) FROM " + table + " WHERE (" + where + ")", params);
        return Section.of(total, SqlRows.list(c, select + " WHERE (" + where + ") ORDER BY " + order, limit, params));
    }
}

package io.herald.recipient;

import static io.herald.platform.Fields.required;

import io.herald.platform.ApiException;
import io.herald.platform.Fields;
import io.herald.suppression.AddressHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Creates recipient lists and adds recipients to them, refusing bad entries one by one with a reason. */
@ApplicationScoped
public class RecipientService {

    /** Larger files go through the CSV import job: a JSON request is parsed whole in memory. */
    static final int MAX_PER_REQUEST = 10_000;
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");
    private static final int KEY_LOOKUP_PAGE = 500;

    @Inject
    RecipientCounts counts;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public RecipientList createList(ListRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        String scope = request.unsubscribeScope() == null ? "LIST"
                : request.unsubscribeScope().trim().toUpperCase(java.util.Locale.ROOT);
        if (!"LIST".equals(scope) && !"ALL".equals(scope)) {
            throw ApiException.badRequest("unsubscribeScope", "unsubscribeScope must be \"list\" or \"all\", not \""
                    + request.unsubscribeScope() + "\"");
        }
        RecipientList list = new RecipientList(required("name", request.name(), 200), scope, clock.instant());
        em.persist(list);
        counts.created(list.getId());
        return list;
    }

    public RecipientList findList(long id) {
        RecipientList list = em.find(RecipientList.class, id);
        if (list == null) {
            throw ApiException.notFound("list", id);
        }
        return list;
    }

    /** Counts of the list's recipients by status, every status present. */
    public Map<String, Long> counts(long listId) {
        return countsByList(List.of(listId)).get(listId);
    }

    /** Recipients per status of each list, every status present: read from recipient_count, not counted. */
    Map<Long, Map<String, Long>> countsByList(List<Long> listIds) {
        return counts.of(listIds);
    }

    @Transactional
    public AddRecipientsResult add(long listId, List<RecipientRequest> entries) {
        RecipientList list = findList(listId);
        if (entries == null) {
            throw ApiException.badRequest("body", "a JSON array of recipients is required");
        }
        if (entries.size() > MAX_PER_REQUEST) {
            throw ApiException.badRequest("body", "at most " + MAX_PER_REQUEST
                    + " recipients per request (" + entries.size() + " given); import larger lists as CSV");
        }
        return insert(list, entries, "this request", this::existingKeys);
    }

    /**
     * Adds a batch of entries to the list in the caller's transaction, by the same rules as POST /lists/{id}/recipients
     * and without its size limit: the CSV import's writer adds one chunk at a time. {@code origin} names where the
     * entries come from in the reason given to a duplicate ("appears earlier in this file").
     */
    @Transactional
    public AddRecipientsResult addBatch(long listId, List<RecipientRequest> entries, String origin) {
        return insert(findList(listId), entries, origin, this::existingKeysOneByOne);
    }

    /**
     * Adds each valid entry whose address is neither in the list yet, nor earlier in the batch, nor suppressed in this
     * list or in all (the suppression list: unsubscribes, hard bounces, complaints); refuses the others with the reason.
     */
    private AddRecipientsResult insert(RecipientList list, List<RecipientRequest> entries, String origin,
                                       BiFunction<Long, List<String>, Map<String, String>> existingKeys) {
        long listId = list.getId();
        List<String> keys = keysOf(entries);
        Map<String, String> existing = existingKeys.apply(listId, keys);
        Map<String, String> suppressed = suppressedKeys(listId, keys);
        Set<String> seen = new HashSet<>();
        List<AddRecipientsResult.Rejection> rejected = new ArrayList<>();
        Instant now = clock.instant();
        int added = 0;
        for (int i = 0; i < entries.size(); i++) {
            RecipientRequest entry = entries.get(i);
            String reason = problemWith(entry);
            if (reason == null) {
                String key = Recipient.keyOf(entry.email().trim());
                if (existing.containsKey(key)) {
                    reason = alreadyInList(entry.email(), existing.get(key));
                } else if (suppressed.containsKey(key)) {
                    reason = "email " + entry.email() + " is suppressed (" + suppressed.get(key) + ")";
                } else if (!seen.add(key)) {
                    reason = "email " + entry.email() + " appears earlier in " + origin;
                }
            }
            if (reason != null) {
                rejected.add(new AddRecipientsResult.Rejection(i, reason));
                continue;
            }
            em.persist(new Recipient(list, entry.email().trim(), blankToNull(entry.name()),
                    attributes(entry.attributes()), now));
            added++;
        }
        counts.add(listId, RecipientStatus.ACTIVE, added);
        return new AddRecipientsResult(added, rejected);
    }

    /** The keys of the entries whose address is valid. */
    private static List<String> keysOf(List<RecipientRequest> entries) {
        return entries.stream()
                .filter(e -> e != null && Fields.addressProblem(e.email()) == null)
                .map(e -> Recipient.keyOf(e.email().trim()))
                .toList();
    }

    /**
     * Which of the keys are suppressed in this list or in every list, with the reason; an erased address is found by
     * its keyed hash (AddressHash). KEY_LOOKUP_PAGE keys per query.
     */
    Map<String, String> suppressedKeys(long listId, List<String> keys) {
        Map<String, String> suppressed = new HashMap<>();
        if (((Number) em.createNativeQuery("SELECT COUNT(*) FROM suppression").getSingleResult()).longValue() == 0) {
            return suppressed;
        }
        List<String> distinct = List.copyOf(new HashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += KEY_LOOKUP_PAGE) {
            Map<String, String> lookups = AddressHash.server()
                    .lookups(distinct.subList(from, Math.min(distinct.size(), from + KEY_LOOKUP_PAGE)));
            List<?> rows = em.createNativeQuery("""
                            SELECT email_key, reason FROM suppression
                            WHERE email_key IN (?1) AND (list_id = 0 OR list_id = ?2)""")
                    .setParameter(1, List.copyOf(lookups.keySet()))
                    .setParameter(2, listId)
                    .getResultList();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                suppressed.putIfAbsent(lookups.get((String) r[0]), (String) r[1]);
            }
        }
        return suppressed;
    }

    /**
     * Why an address is refused as a duplicate: "email X is already in the list", and when the list spells it
     * otherwise (another case: the same person, mail/AddressKey) "... in the list as Y".
     */
    public static String alreadyInList(String given, String stored) {
        String email = given.trim();
        return "email " + email + " is already in the list" + (stored == null || stored.equals(email) ? "" : " as " + stored);
    }

    /** Which of the keys the list already has, with the address it holds for each, KEY_LOOKUP_PAGE keys per query. */
    private Map<String, String> existingKeys(long listId, List<String> keys) {
        Map<String, String> existing = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEY_LOOKUP_PAGE) {
            em.createQuery("SELECT r.emailKey, r.email FROM Recipient r WHERE r.list.id = :l AND r.emailKey IN :keys",
                            Object[].class)
                    .setParameter("l", listId)
                    .setParameter("keys", keys.subList(from, Math.min(keys.size(), from + KEY_LOOKUP_PAGE)))
                    .getResultList()
                    .forEach(r -> existing.put((String) r[0], (String) r[1]));
        }
        return existing;
    }

    /**
     * Which of the keys the list already has, one lookup per key: the import adds a list of any size chunk by chunk,
     * and PostgreSQL without statistics on recipient (a new database, autovacuum off as in CI) runs the IN query of
     * existingKeys by filtering every row of the list, so the import slowed with the square of the list (100,000 rows:
     * over 3 minutes). "list_id = ? AND email_key = ?" always uses the unique index: about 0.1 ms a lookup.
     */
    private Map<String, String> existingKeysOneByOne(long listId, List<String> keys) {
        var lookup = em.createQuery("SELECT r.email FROM Recipient r WHERE r.list.id = :l AND r.emailKey = :key", String.class)
                .setParameter("l", listId);
        Map<String, String> existing = new HashMap<>();
        for (String key : new HashSet<>(keys)) {
            lookup.setParameter("key", key).getResultList().stream().findFirst().ifPresent(e -> existing.put(key, e));
        }
        return existing;
    }

    /** Why an entry cannot be added, or null. */
    static String problemWith(RecipientRequest entry) {
        Problem p = problemOf(entry);
        return p == null ? null : p.reason();
    }

    /** What is wrong with an entry: the field at fault (email, name or attributes) and why. */
    record Problem(String field, String reason) {
    }

    /** The first problem of an entry, or null when it can be stored. */
    static Problem problemOf(RecipientRequest entry) {
        if (entry == null) {
            return new Problem("body", "entry is null");
        }
        String addressProblem = Fields.addressProblem(entry.email());
        if (addressProblem != null) {
            return new Problem("email", "email " + (entry.email() == null ? "" : "'" + entry.email() + "' ")
                    + "is invalid: " + addressProblem);
        }
        String nameProblem = Fields.headerProblem("name", entry.name());    // the name goes into the To header
        if (nameProblem != null) {
            return new Problem("name", nameProblem);
        }
        if (entry.name() != null && entry.name().length() > 200) {
            return new Problem("name", "name is longer than 200 characters");
        }
        if (entry.attributes() != null) {
            for (var a : entry.attributes().entrySet()) {
                String keyProblem = attributeNameProblem(a.getKey());
                if (keyProblem != null) {
                    return new Problem("attributes", keyProblem);
                }
                Object v = a.getValue();
                if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    return new Problem("attributes", "attribute '" + a.getKey() + "' must be a string, number or boolean");
                }
            }
        }
        return null;
    }

    /** Why a name cannot name an attribute (a template placeholder), or null; the CSV import checks its columns with it. */
    public static String attributeNameProblem(String name) {
        return name != null && ATTRIBUTE_KEY.matcher(name).matches() ? null
                : "attribute name '" + name + "' must start with a letter or _ and use only letters, digits, _ . -";
    }

    static Map<String, String> attributes(Map<String, Object> raw) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> {
                if (v != null) {
                    attributes.put(k, v instanceof Number n ? number(n) : v.toString());
                }
            });
        }
        return attributes;
    }

    /** JSON numbers arrive as BigDecimal: 42 stays "42", not "42.0". */
    private static String number(Number n) {
        return n instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : n.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

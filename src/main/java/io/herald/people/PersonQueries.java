package io.herald.people;

/** The SQL that finds a person's rows: their recipient rows by key, and the deliveries made for those. */
final class PersonQueries {

    /** The ids of the person's recipient rows, one per list; parameter: the key. */
    static final String RECIPIENT_IDS = "SELECT pr.id FROM recipient pr WHERE pr.email_key = ?";

    /** The ids of the deliveries to the person, in every campaign; parameter: the key. */
    static final String DELIVERY_IDS = "SELECT pd.id FROM delivery pd WHERE pd.recipient_id IN (" + RECIPIENT_IDS + ")";

    /**
     * The person's audit entries (without a table alias): their deliveries' attempts, and the test messages sent to
     * them (kind TEST, which have no delivery); parameters: the key, twice.
     */
    static final String AUDIT_ENTRIES = "delivery_id IN (" + DELIVERY_IDS + ") OR (kind = 'TEST' AND rcpt_key = ?)";

    private PersonQueries() {
    }

    /** "(LOWER(a) LIKE ? ESCAPE '!' OR LOWER(b) LIKE ? ESCAPE '!' ...)" for each column and each pattern. */
    static String anyLike(Iterable<String> columns, int patterns) {
        StringBuilder sql = new StringBuilder("(");
        for (String column : columns) {
            for (int i = 0; i < patterns; i++) {
                sql.append(sql.length() == 1 ? "" : " OR ").append("LOWER(").append(column).append(") LIKE ? ESCAPE '!'");
            }
        }
        return sql.append(")").toString();
    }
}

package io.herald.audit;

import java.util.function.UnaryOperator;

/**
 * How long audit entries are kept: {@code herald.audit.retention-days} (HERALD_AUDIT_RETENTION_DAYS, default 180,
 * set in wildfly-config/configure-batch.cli). The purge-audit job deletes entries attempted more than this many days
 * before its "now".
 */
record AuditRetention(int days) {

    static final String PROPERTY = "herald.audit.retention-days";
    static final int DEFAULT_DAYS = 180;

    AuditRetention {
        if (days < 1) {
            throw new IllegalArgumentException(PROPERTY + " (HERALD_AUDIT_RETENTION_DAYS) must be 1 or more, not "
                    + days);
        }
    }

    /** The retention in this JVM's system properties; IllegalArgumentException naming the property when invalid. */
    static AuditRetention fromSystemProperties() {
        return parse(System::getProperty);
    }

    /** The retention from a property lookup (name to value, null when unset); blank means the default. */
    static AuditRetention parse(UnaryOperator<String> properties) {
        String value = properties.apply(PROPERTY);
        if (value == null || value.isBlank()) {
            return new AuditRetention(DEFAULT_DAYS);
        }
        try {
            return new AuditRetention(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " (HERALD_AUDIT_RETENTION_DAYS) must be a whole number of"
                    + " days, not '" + value + "'");
        }
    }
}

package io.herald.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One SMTP attempt as GET /audit shows it and GET /audit/export writes it (one CSV column per field, in order); kind
 * is DELIVERY, or TEST for a test message (POST /campaigns/{id}/test, deliveryId 0); account is the sending account
 * whose server (smtpServer) took the attempt (null for entries written before sending accounts, or by no server).
 */
public record AuditEntryView(UUID id, Instant attemptedAt, long campaignId, long deliveryId, String messageId,
                             String mailFrom, String rcptTo, String smtpServer, Integer replyCode, String enhancedCode,
                             String replyText, String outcome, Integer latencyMs, String nodeName,
                             String kind, String account) {

    /** The CSV header: the field names. */
    static final List<String> COLUMNS = List.of("id", "attemptedAt", "campaignId", "deliveryId", "messageId",
            "mailFrom", "rcptTo", "smtpServer", "replyCode", "enhancedCode", "replyText", "outcome", "latencyMs",
            "nodeName", "kind", "account");

    /** The values in COLUMNS order, as text (null for none). */
    List<String> cells() {
        return java.util.Arrays.asList(id.toString(), attemptedAt.toString(), Long.toString(campaignId),
                Long.toString(deliveryId), messageId, mailFrom, rcptTo, smtpServer, text(replyCode), enhancedCode,
                replyText, outcome, text(latencyMs), nodeName, kind, account);
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }
}

-- Compliance and observability (issue 7): the audit log queried by address and time, purged after its retention
-- period, and the campaign statistics computed by the database. Portable SQL: the same script runs on H2 2.x and
-- PostgreSQL 12+ (the two REGEXP_REPLACE calls are anchored, so they match at most once on both).

-- the recipient as Herald matches addresses (recipient.email_key: the domain lower-cased, the local part as given),
-- written with each entry by the send step; GET /audit?address= is an equality on it plus a range on attempted_at.
-- rcpt_to keeps the address as it went out (the domain's case as the list had it, as A-labels).
ALTER TABLE audit_entry ADD COLUMN rcpt_key VARCHAR(320);
UPDATE audit_entry SET rcpt_key = REGEXP_REPLACE(rcpt_to, '@[^@]*$', '') || '@'
                                  || LOWER(REGEXP_REPLACE(rcpt_to, '^.*@', ''))
 WHERE rcpt_key IS NULL;
CREATE INDEX audit_entry_rcpt_key ON audit_entry (rcpt_key, attempted_at);

-- the purge-audit job's keyset (attempted_at < cutoff AND (attempted_at, id) > last ORDER BY attempted_at, id) and
-- GET /audit by time range without an address
CREATE INDEX audit_entry_attempted ON audit_entry (attempted_at, id);

-- GET /campaigns/{id}/stats: average and 95th percentile of latency_ms over the campaign's attempts, read from the
-- index alone (no visit of the wide audit rows)
CREATE INDEX audit_entry_campaign_latency ON audit_entry (campaign_id, latency_ms);

-- rcpt_to is no longer looked up (the address queries use rcpt_key): one index less to write per attempt
DROP INDEX audit_entry_rcpt;

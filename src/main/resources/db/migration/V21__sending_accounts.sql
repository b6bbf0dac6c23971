-- Sending accounts (issue 15): the account a campaign sends through ('default' is java:jboss/mail/herald) and the one
-- it falls back to while its own is unreachable (none when NULL); each audit entry names the account that took it.
ALTER TABLE campaign ADD COLUMN account VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE campaign ADD COLUMN fallback_account VARCHAR(64);
ALTER TABLE audit_entry ADD COLUMN account VARCHAR(64);

-- Address identity (issue 13): the rule the stored address keys (recipient.email_key, suppression.email_key,
-- audit_entry.rcpt_key) were computed with, one row. Keys made before this version follow the rule "exact" (the
-- domain lower-cased, the local part as given). At every start, after the migrations, io.herald.identity.AddressRules
-- compares it with herald.address-match (HERALD_ADDRESS_MATCH, default ignore-case) and, when they differ, re-keys
-- the rows and merges what now shares a key in the same transaction as it updates this row (docs/design.md).
-- Portable SQL: the same script runs on H2 2.x and PostgreSQL 12+.
CREATE TABLE address_key_rule (
    id          INTEGER       PRIMARY KEY,
    match_rule  VARCHAR(16)   NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT address_key_rule_one CHECK (id = 1)
);
INSERT INTO address_key_rule (id, match_rule, changed_at) VALUES (1, 'exact', CURRENT_TIMESTAMP);

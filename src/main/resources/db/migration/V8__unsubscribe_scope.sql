-- Deliverability (issue 6): what an unsubscribe from a list suppresses: the address in this list only (LIST, the
-- default) or in every list (ALL).
ALTER TABLE recipient_list ADD COLUMN unsubscribe_scope VARCHAR(8) DEFAULT 'LIST' NOT NULL;

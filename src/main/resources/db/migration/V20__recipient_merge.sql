-- Scratch table of the address re-key (identity/RecipientMerge): while recipients that now share a key are merged,
-- one row per duplicate (dup_id) names the recipient it is merged into (kept_id) and its place among that recipient's
-- duplicates (seq: 1 for the oldest). Filled and emptied within the re-key's transaction; empty otherwise. A table
-- of the schema rather than a temporary one, because creating a table commits the transaction on H2.
CREATE TABLE recipient_merge (
    dup_id   BIGINT   NOT NULL PRIMARY KEY,
    kept_id  BIGINT   NOT NULL,
    seq      INTEGER  NOT NULL
);
CREATE INDEX recipient_merge_kept ON recipient_merge (kept_id, seq);

-- Secrets without configuration (issue 13): the secrets that sign unsubscribe links, undo receipts and VERP
-- addresses when HERALD_UNSUBSCRIBE_SECRET is not set, kept in the database so that every node shares them and they
-- survive restarts. Generation 1 is made by the first node to start (insert-if-absent on the primary key, then read
-- back: two nodes starting together end with the same row); POST /admin/secrets/rotate adds the next generation,
-- which signs from then on while the older ones still verify for HERALD_UNSUBSCRIBE_LINK_DAYS after their successor
-- was made. Generation 1 also keys the hashes erased addresses leave (suppression.AddressHash) and is never retired
-- for that purpose: a new hashing secret would stop every erased address from matching its entry (docs/design.md).
-- secret: 32 random bytes, base64. Portable SQL: the same script runs on H2 2.x and PostgreSQL 12+.
CREATE TABLE signing_secret (
    generation  INTEGER       PRIMARY KEY,
    secret      VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

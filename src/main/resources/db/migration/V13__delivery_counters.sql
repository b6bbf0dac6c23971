-- Per-status delivery counts that cost nothing to read (issue 12): GET /campaigns/{id} and its progress events read
-- these rows instead of counting the delivery table (2.1 s for a 1,000,000-delivery campaign after a restart).
-- Every statement that changes delivery.status changes them in the same transaction, by the number of rows it
-- changed: from-status minus n, to-status plus n (io.herald.delivery.DeliveryCounters). A campaign's count of a
-- status is the SUM over its senders: each send partition writes its own rows (sender = partition + 1), the API
-- and the timers sender 0, so concurrent writers never wait on one hot row. A sender's row may go negative (a
-- delivery claimed by partition 2 can be cancelled by the API); only the sum means something.
-- last_error: the last FAILED, DEFERRED or UNKNOWN reply or reason this sender recorded, and when.
-- Portable SQL: the same script runs on H2 2.x and PostgreSQL 12+.
CREATE TABLE delivery_counter (
    campaign_id    BIGINT        NOT NULL,
    sender         INTEGER       NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    deliveries     BIGINT        NOT NULL,
    last_error     VARCHAR(2000),
    last_error_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT delivery_counter_key PRIMARY KEY (campaign_id, sender, status)
);

-- the counts of the campaigns sent before this version, on sender 0, each status present
INSERT INTO delivery_counter (campaign_id, sender, status, deliveries)
SELECT campaign_id, 0, status, COUNT(*) FROM delivery GROUP BY campaign_id, status;

-- Delivery guarantees: per-campaign retry policy, what a restart does with UNKNOWN deliveries, the
-- consecutive-failure threshold, and which node runs the campaign's job (crash recovery).

ALTER TABLE campaign ADD COLUMN retry_factor DOUBLE PRECISION DEFAULT 2 NOT NULL;
ALTER TABLE campaign ADD COLUMN retry_max_delay_seconds INTEGER DEFAULT 3600 NOT NULL;
ALTER TABLE campaign ADD COLUMN retry_give_up_seconds INTEGER DEFAULT 172800 NOT NULL;
ALTER TABLE campaign ADD COLUMN unknown_policy VARCHAR(16) DEFAULT 'REPORT' NOT NULL;
ALTER TABLE campaign ADD COLUMN max_send_errors INTEGER DEFAULT 5 NOT NULL;
ALTER TABLE campaign ADD COLUMN job_node VARCHAR(200);
ALTER TABLE campaign ADD COLUMN recoveries INTEGER DEFAULT 0 NOT NULL;

-- the give-up age counts from the first attempt
ALTER TABLE delivery ADD COLUMN first_attempt_at TIMESTAMP WITH TIME ZONE;

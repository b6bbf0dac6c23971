-- Campaign schedules and priorities. Portable SQL: the same script runs on H2 2.x and PostgreSQL 12+.

-- HIGH, NORMAL or LOW (schedule/Priority)
ALTER TABLE campaign ADD COLUMN priority VARCHAR(8) DEFAULT 'NORMAL' NOT NULL;

-- the schedule: a one-off send time and/or a 5-field cron expression on the wall clock of time_zone;
-- missed_runs is RUN_ONCE or SKIP (schedule/MissedRuns)
ALTER TABLE campaign ADD COLUMN send_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign ADD COLUMN cron VARCHAR(200);
ALTER TABLE campaign ADD COLUMN time_zone VARCHAR(64);
ALTER TABLE campaign ADD COLUMN missed_runs VARCHAR(16);
-- the due time the scheduler claims next: UPDATE campaign SET next_due_at = :following
--                                         WHERE id = :id AND next_due_at = :due (one node wins)
ALTER TABLE campaign ADD COLUMN next_due_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX campaign_next_due ON campaign (next_due_at);

-- a run of a recurring campaign is a child campaign, one per (parent, due time)
ALTER TABLE campaign ADD COLUMN parent_id BIGINT;
ALTER TABLE campaign ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign ADD CONSTRAINT campaign_parent FOREIGN KEY (parent_id) REFERENCES campaign (id);
ALTER TABLE campaign ADD CONSTRAINT campaign_run UNIQUE (parent_id, due_at);

-- Throughput (issue 5): a campaign's own rate limit and its partition count.
-- max_per_second: messages per second for this campaign across all its partitions; 0 = no limit of its own.
ALTER TABLE campaign ADD COLUMN max_per_second INTEGER DEFAULT 0 NOT NULL;
-- partitions: the count asked for (0 = the server's HERALD_SEND_PARTITIONS); send_partitions: the count the send
-- step used at the campaign's first execution, fixed so a restart splits the deliveries the same way.
ALTER TABLE campaign ADD COLUMN partitions INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE campaign ADD COLUMN send_partitions INTEGER;

-- Compliance and observability (issue 7): how long each SMTP attempt took (MAIL FROM to the server's reply to the
-- data), for the campaign statistics' average and 95th percentile. NULL on entries written before this column.
ALTER TABLE audit_entry ADD COLUMN latency_ms INTEGER;

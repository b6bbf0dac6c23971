-- Prepared in slices (issue 16): the send step starts on the first slice of a campaign's deliveries while the rest are
-- prepared as the senders reach them. prepare_until: the list's highest recipient id when the first slice was made
-- (who joins the list later gets no delivery, as before); prepared_through: the highest recipient id whose delivery
-- exists, moved in the transaction that inserts the slice. Campaigns prepared before this version have prepared_at
-- and neither column: they are prepared in full.
ALTER TABLE campaign ADD COLUMN prepare_until BIGINT;
ALTER TABLE campaign ADD COLUMN prepared_through BIGINT;

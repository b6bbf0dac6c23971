-- Prepared in slices (issue 16): the send step starts on the first slice of a campaign's deliveries while the rest are
-- prepared as the senders reach them. prepare_until: the highest recipient id (of any list) when the first slice was made
-- (who joins the list later gets no delivery, as before); prepared_through: the highest recipient id whose delivery
-- exists, moved in the transaction that inserts the slice. Campaigns prepared before this version have prepared_at
-- and neither column: they are prepared in full.
ALTER TABLE campaign ADD COLUMN prepare_until BIGINT;
ALTER TABLE campaign ADD COLUMN prepared_through BIGINT;
-- prepare_ahead: the list's ACTIVE recipients not prepared yet, which the PENDING counter includes so that the API's
-- counts and progress are the whole list's from the launch; 0 once the last slice is made.
ALTER TABLE campaign ADD COLUMN prepare_ahead BIGINT;
-- A slice is the next recipients of the list by id: H2 walks this index in that order (ORDER BY list_id, id) where
-- it sorts the rest of the list with recipient_list_id (list_id, id DESC).
CREATE INDEX recipient_list_id_asc ON recipient (list_id, id);

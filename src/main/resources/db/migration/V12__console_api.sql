-- The management API's collections and deletes (issue 12). Portable SQL: the same script runs on H2 2.x and
-- PostgreSQL 12+. Columns sorted "id DESC" because the pages are newest first, and H2 reads an index for an ORDER BY
-- only in the direction the index was declared in (PostgreSQL reads either way).

-- GET /lists/{id}/recipients: WHERE list_id = ? ORDER BY list_id, id DESC, read from the top of the index and stopped
-- after the page, and its total counted from the index; with ?status= the second index does the same
CREATE INDEX recipient_list_id ON recipient (list_id, id DESC);
CREATE INDEX recipient_list_status_id ON recipient (list_id, status, id DESC);

-- GET /campaigns?status=
CREATE INDEX campaign_status_id ON campaign (status, id DESC);
-- which campaigns use a list (DELETE /lists/{id}, a recipient's PUT and DELETE) or a template (GET /templates counts)
CREATE INDEX campaign_list ON campaign (list_id);
CREATE INDEX campaign_template ON campaign (template_id);

-- DELETE /lists/{id}/recipients/{rid} asks which campaigns have deliveries for the recipient, and deleting recipients
-- makes the database check the foreign key delivery.recipient_id: without this index PostgreSQL scans the whole
-- delivery table for every recipient deleted
CREATE INDEX delivery_recipient ON delivery (recipient_id);

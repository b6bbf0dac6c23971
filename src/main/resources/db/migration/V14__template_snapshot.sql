-- A campaign sends what it was launched with (issue 12): at its first start a frozen copy of its template and the
-- template's files is made (template.snapshot_of = the template it copies) and campaign.sent_template_id points to
-- it; the send step and the pre-flight read sent_template_id when it is set. Snapshots are never listed or edited.
ALTER TABLE template ADD COLUMN snapshot_of BIGINT;
ALTER TABLE template ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE template ADD CONSTRAINT template_snapshot_of FOREIGN KEY (snapshot_of) REFERENCES template (id);
CREATE INDEX template_snapshot ON template (snapshot_of);
UPDATE template SET updated_at = created_at;

ALTER TABLE campaign ADD COLUMN sent_template_id BIGINT;
ALTER TABLE campaign ADD CONSTRAINT campaign_sent_template FOREIGN KEY (sent_template_id) REFERENCES template (id);
-- campaign (template_id) is indexed by V12 (campaign_template): GET /templates counts and DELETE look campaigns up by it

-- Campaigns started before this version: templates could not be edited then, so each template as it is now is what
-- they were launched with; one snapshot per such template, shared by its started campaigns, so a later edit cannot
-- reach a paused campaign's resume.
INSERT INTO template (name, subject, html_body, text_body, created_at, updated_at, snapshot_of)
SELECT t.name, t.subject, t.html_body, t.text_body, t.created_at, t.updated_at, t.id
FROM template t
WHERE t.id IN (SELECT c.template_id FROM campaign c WHERE c.started_at IS NOT NULL);
INSERT INTO template_asset (template_id, filename, content_type, content_id, data)
SELECT s.id, a.filename, a.content_type, a.content_id, a.data
FROM template_asset a JOIN template s ON s.snapshot_of = a.template_id
ORDER BY a.id;
UPDATE campaign SET sent_template_id = (SELECT s.id FROM template s WHERE s.snapshot_of = campaign.template_id)
WHERE started_at IS NOT NULL;

-- A test message (POST /campaigns/{id}/test) is on record in the audit log as kind TEST, with delivery_id 0: it has
-- no delivery row and counts in no campaign figure. Every other entry is a DELIVERY attempt.
ALTER TABLE audit_entry ADD COLUMN kind VARCHAR(16) DEFAULT 'DELIVERY' NOT NULL;

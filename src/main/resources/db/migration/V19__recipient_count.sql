-- The recipients of each list by status (issue 12): GET /lists, GET /lists/{id} and the totals of a list's recipient
-- pages read these rows instead of counting a million recipients. One row per list and status, made with the list;
-- every change of a recipient's status, insert or delete moves them in the same transaction (recipient/RecipientCounts),
-- and RecipientCountsIT checks them against a recount.
CREATE TABLE recipient_count (
    list_id  BIGINT       NOT NULL REFERENCES recipient_list (id),
    status   VARCHAR(16)  NOT NULL,
    n        BIGINT       NOT NULL,
    PRIMARY KEY (list_id, status)
);

INSERT INTO recipient_count (list_id, status, n)
SELECT l.id, s.status, (SELECT COUNT(*) FROM recipient r WHERE r.list_id = l.id AND r.status = s.status)
FROM recipient_list l
CROSS JOIN (SELECT 'ACTIVE' AS status UNION ALL SELECT 'UNSUBSCRIBED' UNION ALL SELECT 'BOUNCED') s;

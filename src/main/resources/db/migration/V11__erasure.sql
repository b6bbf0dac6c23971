-- GDPR erasure (issue 7, DELETE /people/{address}): the person's recipient rows are deleted, their deliveries stay
-- for the campaigns' counts with the address replaced, so a delivery no longer needs a recipient.
ALTER TABLE delivery ALTER COLUMN recipient_id DROP NOT NULL;
-- An erased address stays suppressed in every list as reason ERASED, with email_key and email both holding
-- "hmac-sha256:" and the hex HMAC-SHA256 of its key under the server's secret (io.herald.suppression.AddressHash):
-- the suppression checks look up each address's key and its hash, so no column holds the address in clear.

-- A list may be sent from a campaign's long number instead of a short code.
ALTER TABLE mt_batches MODIFY short_code_id BIGINT NULL;
ALTER TABLE mt_batches ADD COLUMN source_number VARCHAR(16);

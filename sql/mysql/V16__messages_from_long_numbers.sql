-- A message may be sent from a long number instead of a short code.
ALTER TABLE mt_messages MODIFY short_code_id BIGINT NULL;
ALTER TABLE mt_messages ADD COLUMN source_number VARCHAR(16);

-- A message may be sent from a long number instead of a short code.
ALTER TABLE mt_messages ALTER COLUMN short_code_id SET NULL;
ALTER TABLE mt_messages ADD COLUMN source_number VARCHAR(16);

-- A dedicated short code belongs to an office of its owner, as a long number does.
ALTER TABLE short_codes ADD COLUMN office_id BIGINT;
ALTER TABLE short_codes ADD CONSTRAINT fk_short_codes_office FOREIGN KEY (office_id) REFERENCES offices (id);

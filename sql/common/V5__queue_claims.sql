-- The send queue: a message is due at due_at; a node that takes it (a direct send at once, the drain
-- when due) holds a claim until claim_until, after which another node may take it over.
-- ${timestamp} is DATETIME(6) on MySQL/MariaDB and TIMESTAMP(6) on H2 (see Database.migrate).

ALTER TABLE mt_messages ADD COLUMN due_at ${timestamp};
ALTER TABLE mt_messages ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE mt_messages ADD COLUMN claim_until ${timestamp};
UPDATE mt_messages SET due_at = COALESCE(send_at, created_at) WHERE immediate_status = 'QUEUED';
CREATE INDEX ix_mt_messages_due ON mt_messages (immediate_status, due_at);

-- Every status event names its account (filled in by V6).
ALTER TABLE mt_status_events MODIFY account_id BIGINT NOT NULL;

-- Replaced by ix_mt_messages_priority (V6).
DROP INDEX ix_mt_messages_due ON mt_messages;

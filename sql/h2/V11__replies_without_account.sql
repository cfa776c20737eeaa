-- Replies the switch sends for a short code itself (its generic help, quit and unknown-word
-- messages on a shared short code) belong to no account.
ALTER TABLE mt_messages ALTER COLUMN account_id SET NULL;
ALTER TABLE mt_status_events ALTER COLUMN account_id SET NULL;

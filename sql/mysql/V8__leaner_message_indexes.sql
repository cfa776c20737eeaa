-- Indexes nothing reads, each rewritten on every status change: updated_at changes with every
-- update, the carrier id on every submit. The account's foreign key keeps an index of its own, on a
-- column that never changes; ix_mt_messages_batch_status (V6) serves the batch's.
CREATE INDEX ix_mt_messages_account ON mt_messages (account_id);
DROP INDEX ix_mt_messages_account_updated ON mt_messages;
DROP INDEX ix_mt_messages_carrier_id ON mt_messages;
DROP INDEX ix_mt_messages_batch ON mt_messages;

-- Indexes nothing reads, each rewritten on every status change: updated_at changes with every
-- update, the carrier id on every submit. The account's foreign key keeps an index of its own, on a
-- column that never changes. (H2 keeps ix_mt_messages_batch: its batch foreign key uses it.)
CREATE INDEX ix_mt_messages_account ON mt_messages (account_id);
DROP INDEX ix_mt_messages_account_updated;
DROP INDEX ix_mt_messages_carrier_id;

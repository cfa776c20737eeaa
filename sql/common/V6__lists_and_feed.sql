-- Lists and subscriptions, the change feed that GetStatus pages through, and the queue's order.
-- ${timestamp} is DATETIME(6) on MySQL/MariaDB and TIMESTAMP(6) on H2 (see Database.migrate).

-- Every status change is one row of mt_status_events. Its feed_seq is given after the change commits,
-- in the order changes become visible, so a poller that reads past its cursor never misses a change
-- committed late by a long transaction, nor sees one twice.
ALTER TABLE mt_status_events ADD COLUMN account_id BIGINT;
ALTER TABLE mt_status_events ADD COLUMN feed_seq BIGINT;
UPDATE mt_status_events SET account_id = (SELECT m.account_id FROM mt_messages m WHERE m.id = mt_status_events.message_id);
CREATE INDEX ix_mt_status_events_feed ON mt_status_events (account_id, feed_seq);

-- One row per account: the last feed_seq given out. Locked while numbers are given, so they are
-- given one pass at a time.
CREATE TABLE status_feeds (
    account_id      BIGINT       NOT NULL PRIMARY KEY,
    last_seq        BIGINT       NOT NULL,
    CONSTRAINT fk_status_feeds_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

-- The queue by account, so each account's due messages are found without reading the others'.
CREATE INDEX ix_mt_messages_queue ON mt_messages (immediate_status, account_id, priority, due_at);

-- Counts of a batch by status, read from the index alone.
CREATE INDEX ix_mt_messages_batch_status ON mt_messages (batch_id, immediate_status, delivery_status);

-- The queue in the order it is drained: replies, then direct sends, then bulk, each by due time.
CREATE INDEX ix_mt_messages_priority ON mt_messages (immediate_status, priority, due_at);

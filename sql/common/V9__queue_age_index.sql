-- The queue by when each message was queued: the finalizer gives up messages still queued a day after
-- the later of their queueing and their send time, without reading the whole queue.
CREATE INDEX ix_mt_messages_queued_at ON mt_messages (immediate_status, created_at);

-- The portal finds a number's messages, newest first. Both columns are written once, at queueing.
CREATE INDEX ix_mt_messages_destination ON mt_messages (destination, id);

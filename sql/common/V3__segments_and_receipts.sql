-- Delivery tracking: each message's segments with their carrier ids, every receipt as received
-- (matched to its segment or kept as unmatched), the carrier table, and what the finalizer needs.
-- ${timestamp} is DATETIME(6) on MySQL/MariaDB and TIMESTAMP(6) on H2 (see Database.migrate).

ALTER TABLE mt_messages ADD COLUMN route VARCHAR(64);
ALTER TABLE mt_messages ADD COLUMN resubmissions INT DEFAULT 0 NOT NULL;
ALTER TABLE mt_messages ADD COLUMN finalized_at ${timestamp};
CREATE INDEX ix_mt_messages_open ON mt_messages (is_final, submitted_at);

CREATE SEQUENCE mt_segments_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE mt_segments (
    id              BIGINT       NOT NULL PRIMARY KEY,
    message_id      BIGINT       NOT NULL,
    seq_no          INT          NOT NULL,
    route           VARCHAR(64)  NOT NULL,
    carrier_message_id VARCHAR(64) NOT NULL,
    receipt_state   VARCHAR(16),
    receipt_error   VARCHAR(16),
    receipt_at      ${timestamp},
    CONSTRAINT fk_mt_segments_message FOREIGN KEY (message_id) REFERENCES mt_messages (id)
);
CREATE INDEX ix_mt_segments_carrier_id ON mt_segments (route, carrier_message_id);
CREATE INDEX ix_mt_segments_message ON mt_segments (message_id);

CREATE SEQUENCE delivery_receipts_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE delivery_receipts (
    id              BIGINT       NOT NULL PRIMARY KEY,
    route           VARCHAR(64)  NOT NULL,
    carrier_message_id VARCHAR(64) NOT NULL,
    receipt_state   VARCHAR(16)  NOT NULL,
    receipt_error   VARCHAR(16),
    carrier_name    VARCHAR(64),
    done_at         ${timestamp},
    received_at     ${timestamp} NOT NULL,
    segment_id      BIGINT,
    matched_at      ${timestamp},
    reported_unmatched BOOLEAN   NOT NULL
);
CREATE INDEX ix_delivery_receipts_carrier_id ON delivery_receipts (route, carrier_message_id);
CREATE INDEX ix_delivery_receipts_unmatched ON delivery_receipts (matched_at, received_at);

CREATE TABLE carrier_prefixes (
    prefix          VARCHAR(16)  NOT NULL PRIMARY KEY,
    carrier_name    VARCHAR(64)  NOT NULL,
    route           VARCHAR(64)
);

ALTER TABLE mt_status_events ADD COLUMN is_final BOOLEAN DEFAULT FALSE NOT NULL;

-- Two-way messaging on long numbers: what a number answers an unsolicited text with (an
-- automatic reply, or the inbox its agents read), the conversations, and the phones that texted a
-- quit word to a number (nothing more is sent them from it).
ALTER TABLE long_numbers ADD COLUMN response_mode VARCHAR(16);
ALTER TABLE long_numbers ADD COLUMN auto_reply_text VARCHAR(500);
ALTER TABLE long_numbers ADD COLUMN help_text VARCHAR(500);

CREATE TABLE conversation_messages (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    long_number_id      BIGINT        NOT NULL,
    account_id          BIGINT        NOT NULL,
    phone_number        VARCHAR(16)   NOT NULL,
    inbound             BOOLEAN       NOT NULL,
    body                VARCHAR(2000) NOT NULL,
    sent_by             VARCHAR(64),
    inbound_message_id  BIGINT,
    mt_message_id       BIGINT,
    occurred_at         ${timestamp}  NOT NULL,
    CONSTRAINT fk_conversation_messages_number FOREIGN KEY (long_number_id) REFERENCES long_numbers (id),
    CONSTRAINT fk_conversation_messages_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_conversation_messages_thread ON conversation_messages (long_number_id, phone_number, id);
CREATE INDEX ix_conversation_messages_account ON conversation_messages (account_id, id);

CREATE TABLE number_opt_outs (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    long_number_id      BIGINT        NOT NULL,
    phone_number        VARCHAR(16)   NOT NULL,
    opted_out_at        ${timestamp}  NOT NULL,
    CONSTRAINT uk_number_opt_outs UNIQUE (long_number_id, phone_number),
    CONSTRAINT fk_number_opt_outs_number FOREIGN KEY (long_number_id) REFERENCES long_numbers (id)
);

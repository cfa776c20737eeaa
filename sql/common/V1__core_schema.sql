-- Core schema: accounts, short codes, keywords, opt-ins, MT messages and batches, inbound messages.
-- Written to run unchanged on MySQL/MariaDB (InnoDB) and H2.
-- ${timestamp} is DATETIME(6) on MySQL/MariaDB and TIMESTAMP(6) on H2 (see Database.migrate).

CREATE TABLE accounts (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    point_of_sale_allowed BOOLEAN NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    created_at      ${timestamp}  NOT NULL,
    CONSTRAINT uk_accounts_username UNIQUE (username)
);

CREATE TABLE short_codes (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    code            VARCHAR(16)  NOT NULL,
    share_type      VARCHAR(16)  NOT NULL,
    owner_account_id BIGINT,
    help_text       VARCHAR(500),
    quit_text       VARCHAR(500),
    unknown_text    VARCHAR(500),
    created_at      ${timestamp}  NOT NULL,
    CONSTRAINT uk_short_codes_code UNIQUE (code),
    CONSTRAINT fk_short_codes_owner FOREIGN KEY (owner_account_id) REFERENCES accounts (id)
);

CREATE TABLE keywords (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    short_code_id   BIGINT       NOT NULL,
    account_id      BIGINT       NOT NULL,
    word            VARCHAR(32)  NOT NULL,
    service_name    VARCHAR(100) NOT NULL,
    recurring       BOOLEAN      NOT NULL,
    max_messages    INT,
    limit_period    VARCHAR(8),
    opt_in_required BOOLEAN      NOT NULL,
    outage          BOOLEAN      NOT NULL,
    welcome_text    VARCHAR(500) NOT NULL,
    help_text       VARCHAR(500) NOT NULL,
    quit_text       VARCHAR(500) NOT NULL,
    application_url VARCHAR(500),
    application_sends_exit BOOLEAN NOT NULL,
    created_at      ${timestamp}  NOT NULL,
    CONSTRAINT uk_keywords_word UNIQUE (short_code_id, word),
    CONSTRAINT fk_keywords_short_code FOREIGN KEY (short_code_id) REFERENCES short_codes (id),
    CONSTRAINT fk_keywords_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_keywords_account ON keywords (account_id);

CREATE SEQUENCE opt_ins_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE opt_ins (
    id              BIGINT       NOT NULL PRIMARY KEY,
    keyword_id      BIGINT       NOT NULL,
    phone_number    VARCHAR(16)  NOT NULL,
    active          BOOLEAN      NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    proof           VARCHAR(1000) NOT NULL,
    opted_in_at     ${timestamp}  NOT NULL,
    opted_out_at    ${timestamp},
    opt_out_source  VARCHAR(500),
    CONSTRAINT uk_opt_ins_number UNIQUE (keyword_id, phone_number),
    CONSTRAINT fk_opt_ins_keyword FOREIGN KEY (keyword_id) REFERENCES keywords (id)
);
CREATE INDEX ix_opt_ins_number ON opt_ins (phone_number);

CREATE SEQUENCE opt_in_tags_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE opt_in_tags (
    id              BIGINT       NOT NULL PRIMARY KEY,
    opt_in_id       BIGINT       NOT NULL,
    tag_name        VARCHAR(64)  NOT NULL,
    tag_value       VARCHAR(255) NOT NULL,
    CONSTRAINT uk_opt_in_tags_name UNIQUE (opt_in_id, tag_name),
    CONSTRAINT fk_opt_in_tags_opt_in FOREIGN KEY (opt_in_id) REFERENCES opt_ins (id)
);

CREATE SEQUENCE opt_in_events_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE opt_in_events (
    id              BIGINT       NOT NULL PRIMARY KEY,
    opt_in_id       BIGINT       NOT NULL,
    opted_in        BOOLEAN      NOT NULL,
    kind            VARCHAR(16),
    source          VARCHAR(1000) NOT NULL,
    occurred_at     ${timestamp}  NOT NULL,
    CONSTRAINT fk_opt_in_events_opt_in FOREIGN KEY (opt_in_id) REFERENCES opt_ins (id)
);
CREATE INDEX ix_opt_in_events_opt_in ON opt_in_events (opt_in_id);

CREATE SEQUENCE mt_batches_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE mt_batches (
    id              BIGINT       NOT NULL PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    short_code_id   BIGINT       NOT NULL,
    keyword_id      BIGINT,
    body            VARCHAR(2000) NOT NULL,
    send_at         ${timestamp},
    client_ref      VARCHAR(100),
    total           INT          NOT NULL,
    created_at      ${timestamp}  NOT NULL,
    CONSTRAINT fk_mt_batches_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE SEQUENCE mt_messages_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE mt_messages (
    id              BIGINT       NOT NULL PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    batch_id        BIGINT,
    short_code_id   BIGINT       NOT NULL,
    keyword_id      BIGINT,
    destination     VARCHAR(16)  NOT NULL,
    body            VARCHAR(2000) NOT NULL,
    segments        INT          NOT NULL,
    priority        INT          NOT NULL,
    client_ref      VARCHAR(100),
    send_at         ${timestamp},
    immediate_status VARCHAR(32) NOT NULL,
    immediate_at    ${timestamp},
    delivery_status VARCHAR(32)  NOT NULL,
    delivery_at     ${timestamp},
    is_final        BOOLEAN      NOT NULL,
    detail          VARCHAR(255),
    carrier_message_id VARCHAR(64),
    carrier_name    VARCHAR(64),
    created_at      ${timestamp}  NOT NULL,
    submitted_at    ${timestamp},
    updated_at      ${timestamp}  NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT fk_mt_messages_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_mt_messages_batch FOREIGN KEY (batch_id) REFERENCES mt_batches (id)
);
CREATE INDEX ix_mt_messages_account_updated ON mt_messages (account_id, updated_at);
CREATE INDEX ix_mt_messages_limit ON mt_messages (keyword_id, destination, created_at);
CREATE INDEX ix_mt_messages_carrier_id ON mt_messages (carrier_message_id);
CREATE INDEX ix_mt_messages_batch ON mt_messages (batch_id);

CREATE SEQUENCE mt_status_events_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE mt_status_events (
    id              BIGINT       NOT NULL PRIMARY KEY,
    message_id      BIGINT       NOT NULL,
    immediate_status VARCHAR(32) NOT NULL,
    delivery_status VARCHAR(32)  NOT NULL,
    detail          VARCHAR(255),
    occurred_at     ${timestamp}  NOT NULL,
    CONSTRAINT fk_mt_status_events_message FOREIGN KEY (message_id) REFERENCES mt_messages (id)
);
CREATE INDEX ix_mt_status_events_message ON mt_status_events (message_id);

CREATE SEQUENCE inbound_messages_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE inbound_messages (
    id              BIGINT       NOT NULL PRIMARY KEY,
    source_number   VARCHAR(16)  NOT NULL,
    short_code      VARCHAR(16)  NOT NULL,
    body            VARCHAR(2000) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    aggregator      VARCHAR(64),
    aggregator_message_id VARCHAR(128),
    carrier_name    VARCHAR(64),
    received_at     ${timestamp}  NOT NULL,
    processed_at    ${timestamp},
    CONSTRAINT uk_inbound_messages_aggregator UNIQUE (aggregator, aggregator_message_id)
);
CREATE INDEX ix_inbound_messages_source ON inbound_messages (source_number, received_at);

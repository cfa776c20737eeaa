-- Outage reports for utilities' outage management systems (RULES.md, MO rule 10): where each
-- account's OMS is, and the outbox of reports waiting to be POSTed there, with the OMS's answer.
CREATE TABLE oms_endpoints (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    url             VARCHAR(500) NOT NULL,
    profile         VARCHAR(32)  NOT NULL,
    auth_type       VARCHAR(16)  NOT NULL,
    username        VARCHAR(200),
    secret          VARCHAR(500),
    timeout_ms      INT          NOT NULL,
    max_attempts    INT          NOT NULL,
    answer_window_seconds INT    NOT NULL,
    created_at      ${timestamp}  NOT NULL,
    CONSTRAINT uk_oms_endpoints_account UNIQUE (account_id),
    CONSTRAINT fk_oms_endpoints_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE TABLE oms_reports (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    keyword_id      BIGINT       NOT NULL,
    short_code_id   BIGINT       NOT NULL,
    phone_number    VARCHAR(16)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    text            VARCHAR(2000) NOT NULL,
    tags            VARCHAR(2000),
    inbound_message_id BIGINT,
    conversation_id BIGINT,
    received_at     ${timestamp}  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at ${timestamp},
    delivered_at    ${timestamp},
    last_error      VARCHAR(500),
    oms_result      VARCHAR(100),
    oms_reply       VARCHAR(1000),
    answer_until    ${timestamp},
    CONSTRAINT fk_oms_reports_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_oms_reports_keyword FOREIGN KEY (keyword_id) REFERENCES keywords (id)
);
CREATE INDEX ix_oms_reports_due ON oms_reports (state, next_attempt_at);
CREATE INDEX ix_oms_reports_phone ON oms_reports (phone_number, id);

-- Processing of texts phones send in: what the keyword engine made of each, the aggregator's own
-- time stamp, and the multiple-keywords question a phone has been asked (RULES.md, MO rule 5), held
-- here so that its 30-minute window holds across nodes and restarts.
ALTER TABLE inbound_messages ADD COLUMN sent_at ${timestamp};
ALTER TABLE inbound_messages ADD COLUMN outcome VARCHAR(500);
ALTER TABLE inbound_messages ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
CREATE INDEX ix_inbound_messages_unprocessed ON inbound_messages (processed_at, id);

CREATE TABLE mo_quit_questions (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    short_code_id   BIGINT       NOT NULL,
    phone_number    VARCHAR(16)  NOT NULL,
    asked_at        ${timestamp}  NOT NULL,
    CONSTRAINT uk_mo_quit_questions UNIQUE (short_code_id, phone_number),
    CONSTRAINT fk_mo_quit_questions_short_code FOREIGN KEY (short_code_id) REFERENCES short_codes (id)
);

-- What the switch tells a keyword's application (its application URL): the texts sent to the
-- keyword, with their parameters, and the opt-outs from it. Delivered by POST, retried until taken.
CREATE TABLE app_notifications (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    keyword_id      BIGINT       NOT NULL,
    event           VARCHAR(16)  NOT NULL,
    phone_number    VARCHAR(16)  NOT NULL,
    text            VARCHAR(2000) NOT NULL,
    parameters      VARCHAR(2000),
    inbound_message_id BIGINT,
    created_at      ${timestamp}  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at ${timestamp},
    delivered_at    ${timestamp},
    given_up_at     ${timestamp},
    exit_pending    BOOLEAN      NOT NULL,
    last_error      VARCHAR(500),
    CONSTRAINT fk_app_notifications_keyword FOREIGN KEY (keyword_id) REFERENCES keywords (id)
);
CREATE INDEX ix_app_notifications_due ON app_notifications (next_attempt_at);

-- Long numbers and campaigns (RULES.md, "Numbers and programs"): the offices (campuses,
-- departments) an account's numbers belong to; the switch's pool of long numbers, each either
-- provisioned to an account and office or waiting (in quarantine after a single-use release, then
-- free); the campaigns run on them; and each account's contract limit on provisioned numbers.
CREATE TABLE offices (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    name            VARCHAR(100) NOT NULL,
    created_at      ${timestamp} NOT NULL,
    CONSTRAINT uk_offices_name UNIQUE (account_id, name),
    CONSTRAINT fk_offices_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE TABLE long_numbers (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    phone_number      VARCHAR(16)  NOT NULL,
    added_at          ${timestamp} NOT NULL,
    account_id        BIGINT,
    office_id         BIGINT,
    kind              VARCHAR(16),
    provisioned_at    ${timestamp},
    first_used_at     ${timestamp},
    quarantined_until ${timestamp},
    CONSTRAINT uk_long_numbers_number UNIQUE (phone_number),
    CONSTRAINT fk_long_numbers_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_long_numbers_office FOREIGN KEY (office_id) REFERENCES offices (id)
);
CREATE INDEX ix_long_numbers_account ON long_numbers (account_id);

CREATE TABLE campaigns (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    office_id       BIGINT       NOT NULL,
    long_number_id  BIGINT       NOT NULL,
    name            VARCHAR(100) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    started_at      ${timestamp} NOT NULL,
    archived_at     ${timestamp},
    CONSTRAINT fk_campaigns_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_campaigns_office FOREIGN KEY (office_id) REFERENCES offices (id),
    CONSTRAINT fk_campaigns_number FOREIGN KEY (long_number_id) REFERENCES long_numbers (id)
);
CREATE INDEX ix_campaigns_account ON campaigns (account_id, name);

ALTER TABLE accounts ADD COLUMN max_numbers INT;

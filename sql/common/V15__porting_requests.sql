-- Requests to port a number in from another carrier (RULES.md, "Numbers and programs"), with the
-- documents the losing carrier asks for.
CREATE TABLE porting_requests (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id          BIGINT       NOT NULL,
    office_id           BIGINT       NOT NULL,
    phone_number        VARCHAR(16)  NOT NULL,
    owner_name          VARCHAR(200) NOT NULL,
    street              VARCHAR(200) NOT NULL,
    city                VARCHAR(100) NOT NULL,
    region              VARCHAR(100) NOT NULL,
    postal_code         VARCHAR(20)  NOT NULL,
    signed_by           VARCHAR(200) NOT NULL,
    signed_on           DATE         NOT NULL,
    bill_date           DATE         NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    rejection_reason    VARCHAR(48),
    rejection_note      VARCHAR(500),
    submitted_at        ${timestamp} NOT NULL,
    decided_at          ${timestamp},
    CONSTRAINT fk_porting_requests_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_porting_requests_office FOREIGN KEY (office_id) REFERENCES offices (id)
);
CREATE INDEX ix_porting_requests_number ON porting_requests (phone_number, state);

CREATE TABLE porting_documents (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    request_id          BIGINT       NOT NULL,
    kind                VARCHAR(32)  NOT NULL,
    file_name           VARCHAR(200) NOT NULL,
    content_type        VARCHAR(100) NOT NULL,
    content             ${blob}      NOT NULL,
    CONSTRAINT fk_porting_documents_request FOREIGN KEY (request_id) REFERENCES porting_requests (id)
);
CREATE INDEX ix_porting_documents_request ON porting_documents (request_id);

-- Each account's unique contacts: every number it has sent to (a reply to a phone's own text aside),
-- once; and the contract's limit on how many there may be.
CREATE TABLE account_contacts (
    account_id          BIGINT       NOT NULL,
    phone_number        VARCHAR(16)  NOT NULL,
    first_targeted_at   ${timestamp} NOT NULL,
    CONSTRAINT pk_account_contacts PRIMARY KEY (account_id, phone_number),
    CONSTRAINT fk_account_contacts_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
ALTER TABLE accounts ADD COLUMN max_contacts INT;

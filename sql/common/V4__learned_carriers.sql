-- The carrier each number was last reported on by a delivery receipt: numbers move between carriers
-- (porting), and the receipt knows before any prefix table does.
-- ${timestamp} is DATETIME(6) on MySQL/MariaDB and TIMESTAMP(6) on H2 (see Database.migrate).

CREATE TABLE number_carriers (
    phone_number    VARCHAR(16)  NOT NULL PRIMARY KEY,
    carrier_name    VARCHAR(64)  NOT NULL,
    learned_at      ${timestamp} NOT NULL
);

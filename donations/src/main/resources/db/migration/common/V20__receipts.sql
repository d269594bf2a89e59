-- Receipts (dev.amanah.donations.store.ReceiptStore) and the e-mail outbox (MailOutboxStore).

-- One counter per year, advanced in the transaction that issues the receipt: a rolled-back issue
-- rolls its number back too, so the numbers of a year have no gaps.
CREATE TABLE receipt_serials (
    year        INTEGER PRIMARY KEY,
    last_number BIGINT  NOT NULL CHECK (last_number >= 1)
);

-- An issued receipt, with everything it prints frozen at issue (the PDF is rendered from this row,
-- the same bytes every time). Append-only (triggers in V21): a correction is a new receipt naming
-- the serial it replaces; the replaced one is "replaced" because another row names it.
CREATE TABLE receipts (
    serial               VARCHAR(32)  PRIMARY KEY,
    year                 INTEGER      NOT NULL,
    number               BIGINT       NOT NULL CHECK (number >= 1),
    donation_id          VARCHAR(64)  NOT NULL REFERENCES donations (id),
    replaces_serial      VARCHAR(32)  UNIQUE REFERENCES receipts (serial),
    correction_reason    VARCHAR(500),
    organisation_name    VARCHAR(200) NOT NULL,
    organisation_address VARCHAR(500) NOT NULL,
    charity_number       VARCHAR(64)  NOT NULL,
    donor_id             VARCHAR(64)  NOT NULL,
    donor_name           VARCHAR(200),
    donor_email          VARCHAR(320),
    amount_minor         BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency             CHAR(3)      NOT NULL,
    fund_type            VARCHAR(16)  NOT NULL,
    campaign_id          VARCHAR(64)  NOT NULL,
    campaign_name        VARCHAR(200) NOT NULL,
    donated_on           ${date}      NOT NULL,
    donated_on_hijri     VARCHAR(40)  NOT NULL,
    payment_reference    VARCHAR(128) NOT NULL,
    issued_at            ${timestamp} NOT NULL,
    UNIQUE (year, number),
    CHECK ((replaces_serial IS NULL) = (correction_reason IS NULL))
);

-- One original receipt per donation, whoever issues it (pipeline, recovery, `amanah receipts`).
CREATE UNIQUE INDEX receipts_one_original_per_donation ON receipts (donation_id) WHERE replaces_serial IS NULL;
CREATE INDEX receipts_by_donor ON receipts (donor_id, donated_on);

-- Receipt e-mails waiting for (or done with) the SMTP server: one per receipt, written in the
-- receipt's transaction, so a mail is never lost to a restart.
CREATE TABLE mail_outbox (
    id              ${identity},
    receipt_serial  VARCHAR(32)  NOT NULL UNIQUE REFERENCES receipts (serial),
    recipient       VARCHAR(320) NOT NULL,
    status          VARCHAR(8)   NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INTEGER      NOT NULL CHECK (attempts >= 0),
    next_attempt_at ${timestamp} NOT NULL,
    last_error      VARCHAR(500),
    created_at      ${timestamp} NOT NULL,
    sent_at         ${timestamp}
);

CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

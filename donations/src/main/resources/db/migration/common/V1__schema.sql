-- The donation service's schema, shared by SQLite and PostgreSQL. Column types that differ come
-- from Flyway placeholders set by dev.amanah.donations.store.Database:
--   ${identity}  an auto-numbered BIGINT primary key
--   ${timestamp} an instant in UTC (TIMESTAMPTZ; in SQLite fixed-width ISO-8601 text ending in Z)
--   ${date}      a calendar date (DATE; in SQLite ISO-8601 text)
-- Money is always a count of minor units (BIGINT) beside its ISO 4217 code (CHAR(3)).

-- An idempotency key is claimed once (primary key + INSERT ... ON CONFLICT DO NOTHING), with the
-- fingerprint of the request that claimed it and, once answered, the response to replay.
CREATE TABLE idempotency_keys (
    idem_key        VARCHAR(255) PRIMARY KEY,
    fingerprint     VARCHAR(255) NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    response_status INTEGER,
    response_body   TEXT,
    claimed_at      ${timestamp} NOT NULL,
    completed_at    ${timestamp},
    CHECK ((state = 'IN_FLIGHT' AND response_status IS NULL) OR (state = 'COMPLETED' AND response_status IS NOT NULL))
);

CREATE TABLE campaigns (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    fund_type   VARCHAR(16)  NOT NULL CHECK (fund_type IN ('ZAKAT', 'ZAKAT_AL_FITR', 'SADAQAH', 'WAQF', 'GENERAL')),
    goal_minor  BIGINT       NOT NULL CHECK (goal_minor > 0),
    currency    CHAR(3)      NOT NULL,
    starts_on   ${date}      NOT NULL,
    ends_on     ${date}      NOT NULL,
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED')),
    created_at  ${timestamp} NOT NULL,
    updated_at  ${timestamp} NOT NULL,
    CHECK (ends_on >= starts_on)
);

-- Append-only (triggers in the per-database migrations): a transaction and its entries are never
-- updated or deleted; a mistake is corrected by a reversal, a new transaction naming the original.
CREATE TABLE ledger_transactions (
    id          ${identity},
    memo        VARCHAR(500) NOT NULL,
    reversal_of BIGINT UNIQUE REFERENCES ledger_transactions (id),
    posted_at   ${timestamp} NOT NULL
);

CREATE TABLE ledger_entries (
    transaction_id BIGINT      NOT NULL REFERENCES ledger_transactions (id),
    line           INTEGER     NOT NULL CHECK (line >= 1),
    account_type   VARCHAR(32) NOT NULL,
    account_id     VARCHAR(128) NOT NULL,
    side           VARCHAR(6)  NOT NULL CHECK (side IN ('DEBIT', 'CREDIT')),
    amount_minor   BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency       CHAR(3)     NOT NULL,
    PRIMARY KEY (transaction_id, line)
);

CREATE INDEX ledger_entries_by_account ON ledger_entries (account_type, account_id, currency);

-- A held transfer (a refund waiting for the gateway): its entries are append-only like posted
-- ones; only its status moves, once, from PENDING to POSTED (naming the transaction) or VOIDED.
CREATE TABLE ledger_pending_transfers (
    id             ${identity},
    memo           VARCHAR(500) NOT NULL,
    status         VARCHAR(8)   NOT NULL CHECK (status IN ('PENDING', 'POSTED', 'VOIDED')),
    transaction_id BIGINT UNIQUE REFERENCES ledger_transactions (id),
    held_at        ${timestamp} NOT NULL,
    resolved_at    ${timestamp},
    CHECK ((status = 'POSTED') = (transaction_id IS NOT NULL))
);

CREATE TABLE ledger_pending_entries (
    transfer_id  BIGINT       NOT NULL REFERENCES ledger_pending_transfers (id),
    line         INTEGER      NOT NULL CHECK (line >= 1),
    account_type VARCHAR(32)  NOT NULL,
    account_id   VARCHAR(128) NOT NULL,
    side         VARCHAR(6)   NOT NULL CHECK (side IN ('DEBIT', 'CREDIT')),
    amount_minor BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency     CHAR(3)      NOT NULL,
    PRIMARY KEY (transfer_id, line)
);

-- A donation and its recoverable phase: CLAIMED -> VALIDATED -> CHARGED -> RECORDED -> RECEIPTED,
-- or FAILED (with a reason) from any phase before RECORDED.
CREATE TABLE donations (
    id                    VARCHAR(64)  PRIMARY KEY,
    idempotency_key       VARCHAR(255) NOT NULL UNIQUE,
    campaign_id           VARCHAR(64)  NOT NULL REFERENCES campaigns (id),
    donor_id              VARCHAR(64)  NOT NULL,
    donor_email           VARCHAR(320),
    donor_name            VARCHAR(200),
    amount_minor          BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency              CHAR(3)      NOT NULL,
    phase                 VARCHAR(16)  NOT NULL CHECK (phase IN ('CLAIMED', 'VALIDATED', 'CHARGED', 'RECORDED', 'RECEIPTED', 'FAILED')),
    failure_reason        VARCHAR(500),
    gateway_charge_id     VARCHAR(128),
    ledger_transaction_id BIGINT UNIQUE REFERENCES ledger_transactions (id),
    created_at            ${timestamp} NOT NULL,
    updated_at            ${timestamp} NOT NULL,
    CHECK ((phase = 'FAILED') = (failure_reason IS NOT NULL)),
    CHECK (phase NOT IN ('CHARGED', 'RECORDED', 'RECEIPTED') OR gateway_charge_id IS NOT NULL),
    CHECK (phase NOT IN ('RECORDED', 'RECEIPTED') OR ledger_transaction_id IS NOT NULL)
);

CREATE INDEX donations_by_campaign ON donations (campaign_id, phase);
CREATE INDEX donations_by_phase ON donations (phase);

-- Refunds of a donation: several partials, their sum never above the donation (checked under the
-- donation's row lock); each one idempotent by its key.
CREATE TABLE refunds (
    id                     VARCHAR(64)  PRIMARY KEY,
    idempotency_key        VARCHAR(255) NOT NULL UNIQUE,
    donation_id            VARCHAR(64)  NOT NULL REFERENCES donations (id),
    amount_minor           BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency               CHAR(3)      NOT NULL,
    status                 VARCHAR(8)   NOT NULL CHECK (status IN ('PENDING', 'POSTED', 'VOIDED')),
    release_transaction_id BIGINT       NOT NULL REFERENCES ledger_transactions (id),
    pending_transfer_id    BIGINT       NOT NULL UNIQUE REFERENCES ledger_pending_transfers (id),
    failure_reason         VARCHAR(500),
    requested_at           ${timestamp} NOT NULL,
    resolved_at            ${timestamp}
);

CREATE INDEX refunds_by_donation ON refunds (donation_id);

-- Payouts of an approved distribution plan, one per plan line, each idempotent by its key.
CREATE TABLE payouts (
    id                    VARCHAR(64)  PRIMARY KEY,
    idempotency_key       VARCHAR(255) NOT NULL UNIQUE,
    plan_id               VARCHAR(64)  NOT NULL,
    recipient_id          VARCHAR(64)  NOT NULL,
    amount_minor          BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency              CHAR(3)      NOT NULL,
    status                VARCHAR(8)   NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED')),
    attempts              INTEGER      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    gateway_reference     VARCHAR(128),
    failure_reason        VARCHAR(500),
    ledger_transaction_id BIGINT UNIQUE REFERENCES ledger_transactions (id),
    created_at            ${timestamp} NOT NULL,
    updated_at            ${timestamp} NOT NULL,
    CHECK (status <> 'PAID' OR gateway_reference IS NOT NULL)
);

CREATE INDEX payouts_by_plan ON payouts (plan_id, status);

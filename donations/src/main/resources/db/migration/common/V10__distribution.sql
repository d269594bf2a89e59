-- Zakat distribution (issue 9 §4): a plan prepared by one member of staff, approved (or rejected)
-- by another, then paid out line by line (table payouts, V1). Placeholders as in V1.

-- A plan draws on one campaign's ledger account. Its lines add up to total_minor exactly (the
-- domain's DistributionPlan checks it before anything is written). Four eyes in the database too:
-- the approver is never the preparer, whatever the letter case.
CREATE TABLE distribution_plans (
    id                    VARCHAR(64)  PRIMARY KEY,
    campaign_id           VARCHAR(64)  NOT NULL REFERENCES campaigns (id),
    fund_type             VARCHAR(16)  NOT NULL CHECK (fund_type IN ('ZAKAT', 'ZAKAT_AL_FITR', 'SADAQAH', 'WAQF', 'GENERAL')),
    total_minor           BIGINT       NOT NULL CHECK (total_minor > 0),
    currency              CHAR(3)      NOT NULL,
    status                VARCHAR(16)  NOT NULL CHECK (status IN ('PREPARED', 'APPROVED', 'REJECTED', 'EXECUTING', 'INCOMPLETE', 'PAID')),
    prepared_by           VARCHAR(64)  NOT NULL,
    prepared_at           ${timestamp} NOT NULL,
    approved_by           VARCHAR(64),
    approved_at           ${timestamp},
    rejected_by           VARCHAR(64),
    rejected_at           ${timestamp},
    rejection_reason      VARCHAR(500),
    executed_by           VARCHAR(64),
    ledger_transaction_id BIGINT UNIQUE REFERENCES ledger_transactions (id),
    updated_at            ${timestamp} NOT NULL,
    CHECK (approved_by IS NULL OR LOWER(approved_by) <> LOWER(prepared_by)),
    CHECK (rejected_by IS NULL OR LOWER(rejected_by) <> LOWER(prepared_by)),
    CHECK (status NOT IN ('APPROVED', 'EXECUTING', 'INCOMPLETE', 'PAID') OR approved_by IS NOT NULL),
    CHECK (status <> 'REJECTED' OR rejected_by IS NOT NULL),
    CHECK (status NOT IN ('EXECUTING', 'INCOMPLETE', 'PAID') OR ledger_transaction_id IS NOT NULL)
);

CREATE INDEX distribution_plans_by_status ON distribution_plans (status);

-- One line per recipient; ratio is the exact decimal the amount was allocated by.
CREATE TABLE distribution_plan_lines (
    plan_id        VARCHAR(64)  NOT NULL REFERENCES distribution_plans (id),
    line           INTEGER      NOT NULL CHECK (line >= 1),
    recipient_id   VARCHAR(64)  NOT NULL,
    recipient_name VARCHAR(200) NOT NULL,
    zakat_category VARCHAR(32),
    account_ref    VARCHAR(128) NOT NULL,
    ratio          VARCHAR(40)  NOT NULL,
    amount_minor   BIGINT       NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (plan_id, line),
    UNIQUE (plan_id, recipient_id)
);

-- A payout the provider declined is DECLINED, not FAILED: its key would only be declined again, so
-- no run sends it; staff reissue it under a new key (back to FAILED) or cancel it (CANCELLED, its
-- money returned to the campaign). SQLite cannot alter a CHECK: the table is rebuilt as V1 made it
-- but for the status column (nothing references payouts). Each database has its own V41.
CREATE TABLE payouts_v41 (
    id                    VARCHAR(64)  PRIMARY KEY,
    idempotency_key       VARCHAR(255) NOT NULL UNIQUE,
    plan_id               VARCHAR(64)  NOT NULL,
    recipient_id          VARCHAR(64)  NOT NULL,
    amount_minor          BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency              CHAR(3)      NOT NULL,
    status                VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'DECLINED', 'CANCELLED')),
    attempts              INTEGER      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    gateway_reference     VARCHAR(128),
    failure_reason        VARCHAR(500),
    ledger_transaction_id BIGINT UNIQUE REFERENCES ledger_transactions (id),
    created_at            ${timestamp} NOT NULL,
    updated_at            ${timestamp} NOT NULL,
    CHECK (status <> 'PAID' OR gateway_reference IS NOT NULL)
);

INSERT INTO payouts_v41 (id, idempotency_key, plan_id, recipient_id, amount_minor, currency, status, attempts,
                         gateway_reference, failure_reason, ledger_transaction_id, created_at, updated_at)
    SELECT id, idempotency_key, plan_id, recipient_id, amount_minor, currency, status, attempts,
           gateway_reference, failure_reason, ledger_transaction_id, created_at, updated_at FROM payouts;
DROP TABLE payouts;
ALTER TABLE payouts_v41 RENAME TO payouts;
CREATE INDEX payouts_by_plan ON payouts (plan_id, status);

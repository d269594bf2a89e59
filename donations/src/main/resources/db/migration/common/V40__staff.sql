-- Staff of the charity (dev.amanah.donations.auth): accounts with bcrypt password hashes, login
-- sessions (only a SHA-256 of the session token is stored: a copy of this table opens no session),
-- and the audit trail of staff actions. Instants are epoch milliseconds (UTC), the same on both
-- databases.
CREATE TABLE staff_accounts (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('VIEWER', 'PREPARER', 'APPROVER')),
    created_at_ms BIGINT       NOT NULL
);

CREATE TABLE staff_sessions (
    token_sha256  CHAR(64)    PRIMARY KEY,
    username      VARCHAR(64) NOT NULL REFERENCES staff_accounts (username),
    csrf_token    VARCHAR(64) NOT NULL,
    created_at_ms BIGINT      NOT NULL,
    expires_at_ms BIGINT      NOT NULL
);

CREATE TABLE staff_actions (
    id       ${identity},
    username VARCHAR(64)  NOT NULL,
    action   VARCHAR(64)  NOT NULL,
    subject  VARCHAR(200) NOT NULL,
    outcome  VARCHAR(200) NOT NULL,
    at_ms    BIGINT       NOT NULL
);

-- A payout the provider declined is DECLINED, not FAILED: its key would only be declined again, so
-- no run sends it; staff reissue it under a new key (back to FAILED) or cancel it (CANCELLED, its
-- money returned to the campaign). CANCELLED has nine letters: the column is widened.
-- (SQLite cannot alter a CHECK and rebuilds the table: each database has its own V41.)
ALTER TABLE payouts ALTER COLUMN status TYPE VARCHAR(16);
ALTER TABLE payouts DROP CONSTRAINT payouts_status_check;
ALTER TABLE payouts ADD CONSTRAINT payouts_status_check
    CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'DECLINED', 'CANCELLED'));

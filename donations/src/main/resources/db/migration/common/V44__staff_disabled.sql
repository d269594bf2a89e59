-- A disabled staff account (amanah staff disable) keeps its row, so its name stays reserved and
-- the audit trail's entries under it name one person only; it can no longer log in, and its
-- sessions are refused (dev.amanah.donations.auth). NULL: the account is in use.
ALTER TABLE staff_accounts ADD COLUMN disabled_at_ms BIGINT;

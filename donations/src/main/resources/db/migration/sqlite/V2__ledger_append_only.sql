-- The ledger's append-only rule, enforced by SQLite itself: posted transactions and entries, and
-- the entries of held transfers, can be inserted and read, never updated or deleted. (SQLite's
-- trigger syntax differs from PostgreSQL's, so each database has its own V2 script.)
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_transactions cannot be updated');
END;

CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_transactions cannot be deleted');
END;

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_entries cannot be updated');
END;

CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_entries cannot be deleted');
END;

CREATE TRIGGER ledger_pending_entries_no_update BEFORE UPDATE ON ledger_pending_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_pending_entries cannot be updated');
END;

CREATE TRIGGER ledger_pending_entries_no_delete BEFORE DELETE ON ledger_pending_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_pending_entries cannot be deleted');
END;

-- A held transfer moves once, from PENDING; it is never deleted.
CREATE TRIGGER ledger_pending_transfers_once BEFORE UPDATE ON ledger_pending_transfers
WHEN OLD.status <> 'PENDING' OR NEW.status = 'PENDING' OR NEW.memo <> OLD.memo
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: a pending transfer is posted or voided once');
END;

CREATE TRIGGER ledger_pending_transfers_no_delete BEFORE DELETE ON ledger_pending_transfers
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: ledger_pending_transfers cannot be deleted');
END;

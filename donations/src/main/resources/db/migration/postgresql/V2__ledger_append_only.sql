-- The ledger's append-only rule, enforced by PostgreSQL itself: posted transactions and entries,
-- and the entries of held transfers, can be inserted and read, never updated or deleted.
-- (PostgreSQL triggers call a function, SQLite's hold their body: each database has its own V2.)
CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger is append-only: % cannot be %', TG_TABLE_NAME,
        CASE TG_OP WHEN 'UPDATE' THEN 'updated' WHEN 'DELETE' THEN 'deleted' ELSE lower(TG_OP) END
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_pending_entries_append_only BEFORE UPDATE OR DELETE ON ledger_pending_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_pending_transfers_no_delete BEFORE DELETE ON ledger_pending_transfers
    FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
-- TRUNCATE fires no row trigger: refuse it per statement.
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();

-- A held transfer moves once, from PENDING.
CREATE FUNCTION ledger_pending_transfer_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'PENDING' OR NEW.status = 'PENDING' OR NEW.memo <> OLD.memo THEN
        RAISE EXCEPTION 'ledger is append-only: a pending transfer is posted or voided once'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_pending_transfers_once BEFORE UPDATE ON ledger_pending_transfers
    FOR EACH ROW EXECUTE FUNCTION ledger_pending_transfer_once();

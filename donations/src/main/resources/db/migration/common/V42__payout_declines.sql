-- Each time the provider declined a payout, and when staff reissued it (DECLINED -> FAILED), so a
-- report can tell what a payout was at a past month's end: the ledger books a payout's payment and
-- its cancellation, but no decline (no money moves). Rows are added by a decline and closed by the
-- reissue that follows it; a payout declined, reissued and declined again has two.
CREATE TABLE payout_declines (
    id          ${identity},
    payout_id   VARCHAR(64)  NOT NULL REFERENCES payouts (id),
    declined_at ${timestamp} NOT NULL,
    reissued_at ${timestamp},
    CHECK (reissued_at IS NULL OR reissued_at >= declined_at)
);

CREATE INDEX payout_declines_by_payout ON payout_declines (payout_id);

-- A payout declined now was declined when it was last changed (nothing but a reissue or a cancel
-- changes a declined payout). Earlier declines are not known: a payout cancelled or reissued before
-- this migration counts as open, not declined, at the end of a month before its cancel or reissue.
INSERT INTO payout_declines (payout_id, declined_at) SELECT id, updated_at FROM payouts WHERE status = 'DECLINED';

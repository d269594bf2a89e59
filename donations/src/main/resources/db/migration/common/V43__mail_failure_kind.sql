-- Why a FAILED mail failed: TRANSIENT (the server could not be reached, or answered 4xx, until the
-- mailer ran out of attempts) or PERMANENT (a 5xx answer, an address refused, a receipt that cannot
-- be rendered): `amanah mail --retry-failed` and the staff page queue only transient ones again
-- unless told otherwise, since sending again what a server refused for good only harms the
-- sender's standing. NULL on a mail that is not FAILED (a mail queued again loses its kind).
ALTER TABLE mail_outbox ADD COLUMN failure_kind VARCHAR(9)
    CHECK (failure_kind IS NULL OR (failure_kind IN ('TRANSIENT', 'PERMANENT') AND status = 'FAILED'));

-- The mailer wrote "gave up after N attempts: ..." when it ran out of attempts, and that alone;
-- every other FAILED mail was refused for good.
UPDATE mail_outbox SET failure_kind = CASE WHEN last_error LIKE 'gave up after %' THEN 'TRANSIENT' ELSE 'PERMANENT' END
    WHERE status = 'FAILED';

-- Donations the fraud check held for review (verdict REVIEW): stored, not charged, until a member
-- of staff releases (then charged) or rejects them. While HELD the donation stays CLAIMED and its
-- idempotency key IN_FLIGHT; the decision moves both on in the same transaction. The payment token
-- is kept only while held (it is needed to charge on release) and erased by the decision.
CREATE TABLE donation_reviews (
    donation_id   VARCHAR(64)  PRIMARY KEY REFERENCES donations (id),
    status        VARCHAR(16)  NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'REJECTED')),
    payment_token VARCHAR(255),
    reason        VARCHAR(500) NOT NULL,
    held_at       ${timestamp} NOT NULL,
    decided_by    VARCHAR(64),
    decided_at    ${timestamp},
    decision_note VARCHAR(500),
    CHECK ((status = 'HELD') = (decided_by IS NULL)),
    CHECK ((status = 'HELD') = (payment_token IS NOT NULL))
);

CREATE INDEX donation_reviews_by_status ON donation_reviews (status, held_at);

package dev.amanah.donations.store;

/**
 * Where a donation is in the pipeline, persisted at every step so that recovery after a crash
 * knows what is left to do: {@code CLAIMED -> VALIDATED -> CHARGED -> RECORDED -> RECEIPTED}, or
 * {@code FAILED} from any phase before {@code RECORDED}. {@code RECEIPTED} and {@code FAILED} are
 * final; a recorded donation is never failed (its ledger transaction stands; a refund undoes it).
 */
public enum DonationPhase {
    /** Its idempotency key was claimed and the request stored; nothing checked yet. */
    CLAIMED,
    /** Amount, campaign, donor and fraud checks passed. */
    VALIDATED,
    /** The gateway charged the donor (the charge id is stored). */
    CHARGED,
    /** The donation and its ledger transaction are committed. */
    RECORDED,
    /** The receipt was issued; done. */
    RECEIPTED,
    /** Refused or abandoned, with a reason; done. */
    FAILED;

    /** Whether the move to {@code target} is allowed. */
    public boolean canMoveTo(DonationPhase target) {
        return switch (this) {
            case CLAIMED -> target == VALIDATED || target == FAILED;
            case VALIDATED -> target == CHARGED || target == FAILED;
            case CHARGED -> target == RECORDED || target == FAILED;
            case RECORDED -> target == RECEIPTED;
            case RECEIPTED, FAILED -> false;
        };
    }

    /** Whether nothing more happens to a donation in this phase. */
    public boolean isFinal() {
        return this == RECEIPTED || this == FAILED;
    }

    /** Whether the donation counts in its campaign's totals (its money is in the ledger). */
    public boolean isRecorded() {
        return this == RECORDED || this == RECEIPTED;
    }
}

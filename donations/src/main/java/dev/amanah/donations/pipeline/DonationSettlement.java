package dev.amanah.donations.pipeline;

import dev.amanah.donations.http.ApiError;
import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.Objects;

/**
 * Finishes or fails one donation whose pipeline stopped before its end, from its stored phase,
 * with the pipeline's own steps; never charges, so never twice:
 * <ul>
 *   <li>{@code CLAIMED}: never validated, so never charged: failed, its key answered 503 with the
 *       {@link Interruption}'s code; unless the fraud check held it for review before the
 *       interruption: then it waits for staff, unchanged, answered 202 ({@link Outcome#HELD});</li>
 *   <li>{@code VALIDATED}: the provider is asked by the donation's key ({@link DonationPipeline#settleUncertain}):
 *       a charge it made is recorded, a decline fails the donation, none fails it (503
 *       {@code NOT_CHARGED}); if it cannot be asked nothing changes ({@link Outcome#PENDING});</li>
 *   <li>{@code CHARGED}: recorded and receipted; {@code RECORDED}: receipted;</li>
 *   <li>a receipt that cannot be issued never stops a charged donation from being recorded: it is
 *       recorded without it ({@link Outcome#RECORDED}, see {@link DonationPipeline}), and a
 *       {@code RECORDED} donation whose receipt fails again stays so ({@link Outcome#RECEIPT_FAILED},
 *       logged as {@code event=receipt_failed}), to be receipted by a later start or {@code amanah receipts};</li>
 *   <li>{@code RECEIPTED}, {@code FAILED}: nothing to do ({@link Outcome#FINAL}).</li>
 * </ul>
 * Used by start-up {@link dev.amanah.donations.recovery.Recovery} for every unfinished donation, and
 * by the {@link DonationProcessor} for the one donation of a pipeline that crashed while the service
 * runs. Thread-safe; blocks on the database and the gateway.
 */
public final class DonationSettlement {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.pipeline");

    /**
     * Why a donation was left unfinished, in the words of its stored answer when it is failed
     * uncharged.
     *
     * @param code the error code stored for a donation failed before validation
     * @param why  what happened, for the stored answers' messages
     */
    public record Interruption(String code, String why) {
        /** The service stopped (or was killed) under the pipeline: start-up recovery. */
        public static final Interruption RESTART = new Interruption("INTERRUPTED", "Processing was interrupted by a restart");
        /** The pipeline's process crashed while the service ran on. */
        public static final Interruption CRASH = new Interruption("PIPELINE_CRASHED", "Processing failed unexpectedly");
        /**
         * The payment provider gave no definite answer to the charge, nor to the lookup by key
         * after it: the donation was left {@code VALIDATED} for a background settlement.
         */
        public static final Interruption PROVIDER_UNAVAILABLE = new Interruption("PAYMENT_UNAVAILABLE",
                "The payment provider is unavailable");
    }

    /** What settling a donation did. */
    public enum Outcome {
        /** Failed (never charged, or declined); its key has its final answer. */
        FAILED,
        /** Recorded after a charge, and receipted; its key has its 201. */
        RECORDED,
        /** Only its receipt was missing; now receipted. */
        RECEIPTED,
        /**
         * Only its receipt was missing, and it could not be issued (not for an unavailable
         * database): still {@code RECORDED}, in the ledger, its key answered 201; logged.
         */
        RECEIPT_FAILED,
        /**
         * Held for review (its pipeline stopped after the hold committed): unchanged, waiting for
         * staff; its answer the 202 the pipeline would have given (not stored).
         */
        HELD,
        /** The provider could not be asked whether it charged: unchanged, to settle later. */
        PENDING,
        /** Already final (or no donation under the key): nothing done. */
        FINAL
    }

    /**
     * A settlement's result.
     *
     * @param outcome what was done
     * @param answer  the answer for the donation's client: the stored answer when there is one,
     *                else a transient error saying to retry the key
     */
    public record Settled(Outcome outcome, Answer answer) {
    }

    /**
     * How {@link #settleUntilDone} waits between attempts: {@code first}, doubling up to {@code max}.
     *
     * @param first the first wait (positive)
     * @param max   the longest wait (at least {@code first})
     */
    public record Backoff(Duration first, Duration max) {
        /** The service's: 100 ms doubling up to 30 s. */
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

        /** @throws IllegalArgumentException unless {@code 0 < first <= max} */
        public Backoff {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
            }
        }

        Duration after(Duration wait) {
            var doubled = wait.multipliedBy(2);
            return doubled.compareTo(max) > 0 ? max : doubled;
        }
    }

    private final DonationPipeline pipeline;
    private final DonationStore donations;
    private final Backoff backoff;

    /** Settles with {@code pipeline}'s steps, reading donations from {@code donations}. */
    public DonationSettlement(DonationPipeline pipeline, DonationStore donations, Backoff backoff) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.donations = Objects.requireNonNull(donations, "donations");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Settles {@code donation} by its phase (see the class comment).
     *
     * @throws dev.amanah.donations.store.StoreException if the database fails; what was committed
     *                                                   before stays, and settling again resumes
     */
    public Settled settle(Donation donation, Interruption interruption) {
        return switch (donation.phase()) {
            case CLAIMED -> pipeline.isHeld(donation.id())
                    ? new Settled(Outcome.HELD, Answers.held(donation))
                    : new Settled(Outcome.FAILED, pipeline.finishFailed(donation.id(), donation.idempotencyKey(),
                            "interrupted before validation (" + interruption.code() + ")",
                            Answers.failedUncharged(interruption.code(), interruption.why())));
            case VALIDATED -> {
                var answer = pipeline.settleUncertain(donation, interruption.why() + " before the charge");
                if (!answer.stored()) {
                    yield new Settled(Outcome.PENDING, answer);
                }
                yield new Settled(answer.status() == 201 ? Outcome.RECORDED : Outcome.FAILED, answer);
            }
            case CHARGED -> new Settled(Outcome.RECORDED, pipeline.recordAndReceipt(donation));
            case RECORDED -> receipt(donation);
            case RECEIPTED, FAILED -> new Settled(Outcome.FINAL, retryTheKey());
        };
    }

    /** A {@code RECORDED} donation's receipt; a failure that is not the database's unavailability leaves it recorded. */
    private Settled receipt(Donation recorded) {
        try {
            return new Settled(Outcome.RECEIPTED, pipeline.receipt(recorded));
        } catch (ReceiptFailure failure) {
            if (!failure.isPermanent()) {
                throw failure.reason();
            }
            return new Settled(Outcome.RECEIPT_FAILED, Answers.accepted(recorded));
        }
    }

    /**
     * Settles the donation of {@code idempotencyKey}, if there is one. Only for a key whose pipeline
     * has stopped: settling under a live pipeline would race it.
     *
     * @throws dev.amanah.donations.store.StoreException as {@link #settle}
     */
    public Settled settleKey(String idempotencyKey, Interruption interruption) {
        return donations.findByIdempotencyKey(idempotencyKey)
                .map(donation -> settle(donation, interruption))
                .orElseGet(() -> new Settled(Outcome.FINAL, retryTheKey()));
    }

    /**
     * Settles the donation of {@code idempotencyKey} until it is settled ({@link #settleKey} neither
     * throws nor leaves it {@link Outcome#PENDING}), waiting with the {@link Backoff} between
     * attempts; each failed attempt is logged ({@code event=settle_retry}). Meant to run as a
     * supervised process: it blocks until done, and ends at once if that process is killed (the
     * next start's recovery then settles the donation).
     */
    public Settled settleUntilDone(String idempotencyKey, Interruption interruption) {
        var wait = backoff.first();
        for (int attempt = 1; ; attempt++) {
            try {
                var settled = settleKey(idempotencyKey, interruption);
                if (settled.outcome() != Outcome.PENDING) {
                    LOG.log(System.Logger.Level.INFO, "event=settled key=" + idempotencyKey + " outcome=" + settled.outcome()
                            + " attempts=" + attempt);
                    return settled;
                }
                LOG.log(System.Logger.Level.WARNING, "event=settle_retry key=" + idempotencyKey + " attempt=" + attempt
                        + " why=payment_pending wait=" + wait);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event=settle_retry key=" + idempotencyKey + " attempt=" + attempt
                        + " why=" + e + " wait=" + wait);
            }
            Processes.sleep(wait);
            wait = backoff.after(wait);
        }
    }

    /**
     * Not stored: the key holds (or will hold) the final answer, so a retry of the key replays it.
     * Its own code, {@code PROCESSING_FAILED}, so that a client tells it from the stored, final
     * {@code 503 PIPELINE_CRASHED} of a donation failed uncharged.
     */
    static Answer retryTheKey() {
        return Answer.transientError(new ApiError(500, "PROCESSING_FAILED",
                "Processing failed unexpectedly; retry with the same Idempotency-Key", null));
    }
}

package dev.amanah.donations.payment;

/**
 * A payment provider: charges donors, refunds charges and pays out zakat to recipients, each
 * operation made idempotent by a key the caller chooses.
 *
 * <h2>Idempotency</h2>
 * Every operation that moves money carries an idempotency key. The provider settles a key once: a second request
 * with the same key and the same request returns the first settled outcome ({@link Settled})
 * without moving money again; the same key with a different request is refused with
 * {@link DeclineReason#IDEMPOTENCY_KEY_MISMATCH}. Keys share one namespace across charges, refunds
 * and payouts. A {@link TransientFailure} settles nothing the caller can rely on: the operation
 * may or may not have happened (a timeout after the provider acted), so the caller retries with the
 * <em>same</em> key, or asks {@link #lookup} — never retries with a new key.
 *
 * <h2>Outcomes</h2>
 * Calls do not throw for provider behaviour: a decline, a timeout or an open circuit are values of
 * the sealed outcome types, so a {@code switch} over them is exhaustive. They throw
 * {@link IllegalArgumentException} only for a malformed request (see {@link GatewayRequests}).
 *
 * <h2>Blocking and threads</h2>
 * Calls block the calling thread or process for the provider's latency; implementations are
 * thread-safe and may be called from many processes at once. A caller that is killed while it
 * waits ends at once (implementations wait with {@link Sleeper#PROCESS}); the operation may then
 * have happened or not, which {@link #lookup} tells.
 */
public interface PaymentGateway {

    /**
     * Charges {@code request.amount()} to the payment method, once per idempotency key.
     *
     * @return {@link Charged}, {@link Declined}, {@link TransientFailure} (retry with the same key)
     *         or {@link CircuitOpen} (not attempted)
     */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * Refunds part or all of a charge, once per idempotency key; several refunds of one charge are
     * allowed while their sum stays within the charge ({@link DeclineReason#REFUND_EXCEEDS_CHARGE}
     * otherwise).
     */
    RefundOutcome refund(RefundRequest request);

    /** Pays {@code request.amount()} to a recipient's account, once per idempotency key. */
    PayoutOutcome payout(PayoutRequest request);

    /**
     * What the provider has settled for {@code idempotencyKey}: {@link Found} with the outcome it
     * returns to a repeat of the request, or {@link NotFound} if it settled nothing under that key
     * (never reached, or failed before acting: a new attempt with the key is safe). Used by crash
     * recovery to finish an operation whose answer was lost.
     */
    LookupResult lookup(String idempotencyKey);

    /**
     * The card behind {@code paymentToken}, asked before it is charged: {@link CardFound} with the
     * provider's fingerprint of the card, which every token of one card shares (a token is free to
     * mint, a card is not, so counting attempts per card needs it); {@link UnknownToken} if the
     * provider knows no such token. Reads only: it moves no money and settles nothing, so it takes
     * no idempotency key and may be asked again at will; a {@link TransientFailure} or
     * {@link CircuitOpen} says only that nothing could be learnt.
     *
     * @throws IllegalArgumentException {@code invalid_reference: ...} for a malformed token (see {@link GatewayRequests})
     */
    CardLookup cardFingerprint(String paymentToken);
}

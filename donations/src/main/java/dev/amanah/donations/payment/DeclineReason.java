package dev.amanah.donations.payment;

/** Why a provider declined an operation; stable codes, safe to show and to store. */
public enum DeclineReason {
    /** The account cannot cover the charge. */
    INSUFFICIENT_FUNDS,
    /** The issuer refused the card, without saying why (the most common decline). */
    CARD_DECLINED,
    /**
     * The payment token names no payment method the provider knows (never issued, or deleted):
     * nothing can be charged to it. Not the issuer's refusal, which {@link #CARD_DECLINED} is.
     */
    UNKNOWN_PAYMENT_METHOD,
    /** The card has expired. */
    EXPIRED_CARD,
    /** The provider suspects fraud and refused the charge. */
    SUSPECTED_FRAUD,
    /** A refund names a charge the provider does not know. */
    UNKNOWN_CHARGE,
    /** A refund would bring the refunded total above the charge. */
    REFUND_EXCEEDS_CHARGE,
    /** A refund is not in the charge's currency. */
    CURRENCY_MISMATCH,
    /** The recipient's account cannot receive payouts. */
    RECIPIENT_REJECTED,
    /** The idempotency key was used before with a different request; nothing was done. */
    IDEMPOTENCY_KEY_MISMATCH
}

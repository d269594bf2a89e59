package dev.amanah.donations.payment;

/**
 * The provider knows no payment method by that token (never issued, expired or detached): it
 * names no card, and a charge with it would not succeed.
 */
public record UnknownToken() implements CardLookup {
}

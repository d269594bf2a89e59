package dev.amanah.donations.distribution;

import dev.amanah.donations.store.PlanStatus;

/**
 * Published when a payment run of a plan ends (on PubSub topic {@code "distributions"} in the
 * service).
 *
 * @param planId the plan
 * @param status {@code PAID}, or {@code INCOMPLETE} when some payouts are left to pay
 * @param paid   payouts paid in all
 * @param unpaid payouts not paid (failed or declined)
 */
public record DistributionFinished(String planId, PlanStatus status, long paid, long unpaid) {
}

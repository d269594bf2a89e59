/**
 * Zakat distribution (issue 9 §4, the seed's {@code ConcurrentDistributor} fixed): a plan
 * computed by the domain core ({@link dev.amanah.finance.fund.DistributionPlan}: exact
 * largest-remainder allocation, the eight categories, the administrators' cap), prepared by one
 * member of staff and approved by another ({@link dev.amanah.finance.fund.ApprovedDistribution}),
 * then paid out concurrently with a bound through the payment gateway, each payout idempotent
 * by a key derived from plan and recipient, every minor unit in the ledger.
 * {@link dev.amanah.donations.distribution.DistributionService} is the API;
 * {@link dev.amanah.donations.distribution.DistributionRecovery} settles what a crash left in flight.
 */
package dev.amanah.donations.distribution;

package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A distribution plan as stored, with its approval or rejection and its lines.
 *
 * @param id                  unique id
 * @param campaignId          the campaign whose money it distributes
 * @param fundType            the campaign's fund type
 * @param total               the amount distributed
 * @param status              where it is
 * @param preparedBy          who prepared it
 * @param preparedAt          when (UTC)
 * @param approvedBy          who approved it, once approved (never the preparer)
 * @param approvedAt          when
 * @param rejectedBy          who rejected it, if rejected
 * @param rejectedAt          when
 * @param rejectionReason     why
 * @param executedBy          who last started its payment
 * @param ledgerTransactionId the transaction that moved its total from the campaign to the payables
 * @param updatedAt           when it last changed (UTC)
 * @param lines               its lines, by line number
 */
public record StoredPlan(String id, String campaignId, FundType fundType, Money total, PlanStatus status,
                         String preparedBy, Instant preparedAt, Optional<String> approvedBy, Optional<Instant> approvedAt,
                         Optional<String> rejectedBy, Optional<Instant> rejectedAt, Optional<String> rejectionReason,
                         Optional<String> executedBy, OptionalLong ledgerTransactionId, Instant updatedAt,
                         List<PlanLine> lines) {
    /** Copies the lines. */
    public StoredPlan {
        lines = List.copyOf(lines);
    }
}

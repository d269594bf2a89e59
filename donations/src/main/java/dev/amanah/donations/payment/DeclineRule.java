package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule by which the {@link SandboxGateway} declines a charge or a payout, as a real provider's
 * test mode does for its magic card numbers. Rules are checked in order; the first that matches
 * decides.
 */
public sealed interface DeclineRule {

    /** The reason to decline {@code request} with, if this rule matches it. */
    Optional<DeclineReason> test(ChargeRequest request);

    /** The reason to decline {@code request} with, if this rule matches it. */
    Optional<DeclineReason> test(PayoutRequest request);

    /**
     * Declines charges whose payment token matches {@code pattern} as a whole. The pattern is
     * compiled once, when the rule is made, not on every charge.
     *
     * @param pattern e.g. {@code tok_insufficient_funds.*}
     * @param reason  the decline's reason
     */
    record TokenMatches(Pattern pattern, DeclineReason reason) implements DeclineRule {
        public TokenMatches {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(reason, "reason");
        }

        /** The rule for {@code regex}, a {@link Pattern}; throws for a malformed one. */
        public TokenMatches(String regex, DeclineReason reason) {
            this(Pattern.compile(regex), reason);
        }

        @Override
        public Optional<DeclineReason> test(ChargeRequest request) {
            return pattern.matcher(request.paymentToken()).matches() ? Optional.of(reason) : Optional.empty();
        }

        @Override
        public Optional<DeclineReason> test(PayoutRequest request) {
            return Optional.empty();
        }
    }

    /**
     * Declines charges and payouts above {@code limit} in the limit's currency (other currencies
     * pass).
     *
     * @param limit  the largest amount accepted
     * @param reason the decline's reason
     */
    record AmountAbove(Money limit, DeclineReason reason) implements DeclineRule {
        public AmountAbove {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<DeclineReason> test(ChargeRequest request) {
            return above(request.amount());
        }

        @Override
        public Optional<DeclineReason> test(PayoutRequest request) {
            return above(request.amount());
        }

        private Optional<DeclineReason> above(Money amount) {
            return amount.sameCurrencyAs(limit) && amount.compareTo(limit) > 0 ? Optional.of(reason) : Optional.empty();
        }
    }

    /**
     * Declines payouts to recipients whose reference matches {@code pattern} as a whole. The
     * pattern is compiled once, when the rule is made.
     *
     * @param pattern e.g. {@code acct_closed.*}
     * @param reason  the decline's reason
     */
    record RecipientMatches(Pattern pattern, DeclineReason reason) implements DeclineRule {
        public RecipientMatches {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(reason, "reason");
        }

        /** The rule for {@code regex}, a {@link Pattern}; throws for a malformed one. */
        public RecipientMatches(String regex, DeclineReason reason) {
            this(Pattern.compile(regex), reason);
        }

        @Override
        public Optional<DeclineReason> test(ChargeRequest request) {
            return Optional.empty();
        }

        @Override
        public Optional<DeclineReason> test(PayoutRequest request) {
            return pattern.matcher(request.recipientRef()).matches() ? Optional.of(reason) : Optional.empty();
        }
    }
}

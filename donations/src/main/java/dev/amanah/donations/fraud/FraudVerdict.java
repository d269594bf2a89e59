package dev.amanah.donations.fraud;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a fraud check.
 *
 * @param decision the worst decision among the reasons; {@link Decision#ALLOW} when there are none
 * @param reasons  every threshold reached, in {@link FraudRule} order (immutable)
 */
public record FraudVerdict(Decision decision, List<FraudReason> reasons) {

    /** Nothing suspicious. */
    public static final FraudVerdict ALLOW = new FraudVerdict(Decision.ALLOW, List.of());

    public FraudVerdict {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
    }

    /** The verdict with these reasons: the worst of their decisions. */
    public static FraudVerdict of(List<FraudReason> reasons) {
        var decision = Decision.ALLOW;
        for (var reason : reasons) {
            decision = decision.worst(reason.decision());
        }
        return new FraudVerdict(decision, reasons);
    }
}

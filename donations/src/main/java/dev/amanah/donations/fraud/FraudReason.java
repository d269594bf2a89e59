package dev.amanah.donations.fraud;

import java.util.Objects;

/**
 * Why a verdict is not {@link Decision#ALLOW}: a counter reached a threshold. Carries no
 * identifier of the card, address or person, so it can be logged and stored.
 *
 * @param rule      the counter
 * @param observed  its value, counting the attempt being checked
 * @param threshold the threshold it reached
 * @param decision  what that threshold decides ({@link Decision#REVIEW} or {@link Decision#DENY})
 */
public record FraudReason(FraudRule rule, long observed, long threshold, Decision decision) {
    public FraudReason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(decision, "decision");
    }

    @Override
    public String toString() {
        return rule + " " + observed + " >= " + threshold + " -> " + decision;
    }
}

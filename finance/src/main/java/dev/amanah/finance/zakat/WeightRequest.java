package dev.amanah.finance.zakat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An assessment of one metal by weight, when the metal is all that is assessed and zakat is to be
 * given in kind.
 *
 * @param metal              the metal assessed
 * @param assessmentDate     the day of assessment
 * @param nisabReachedOn     the day the pure weight first reached the metal's nisab weight
 * @param holdings           the holdings of that metal
 * @param pureWeightHistory  pure weight held from each day on; needed for a CONTINUOUS hawl
 * @param policy             the school's choices (nisab weights, year, hawl, jewellery)
 */
public record WeightRequest(Metal metal, LocalDate assessmentDate, LocalDate nisabReachedOn, List<MetalAsset> holdings,
                            Map<LocalDate, Weight> pureWeightHistory, ZakatPolicy policy) {

    /** Copies the collections; every holding must be of {@code metal}. */
    public WeightRequest {
        Objects.requireNonNull(metal, "metal");
        Objects.requireNonNull(assessmentDate, "assessmentDate");
        Objects.requireNonNull(nisabReachedOn, "nisabReachedOn");
        Objects.requireNonNull(policy, "policy");
        holdings = List.copyOf(holdings);
        holdings.forEach(h -> {
            if (h.metal() != metal) {
                throw new IllegalArgumentException(h + " is not " + metal);
            }
        });
        pureWeightHistory = Map.copyOf(pureWeightHistory);
    }
}

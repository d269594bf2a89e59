package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A fund-raising campaign as stored.
 *
 * @param id        unique, at most 64 characters
 * @param name      for people, at most 200 characters
 * @param fundType  the fund its donations go to
 * @param goal      the amount sought, positive; its currency is the campaign's
 * @param startsOn  first day donations are taken (inclusive)
 * @param endsOn    last day donations are taken (inclusive), not before {@code startsOn}
 * @param state     where it is in its life
 * @param createdAt when it was created (UTC)
 * @param updatedAt when its state last changed (UTC)
 */
public record Campaign(String id, String name, FundType fundType, Money goal, LocalDate startsOn, LocalDate endsOn,
                       CampaignState state, Instant createdAt, Instant updatedAt) {

    /** @throws IllegalArgumentException for a non-positive goal, an end before the start, or a text too long for its column */
    public Campaign {
        Limits.require("id", id, Limits.ID);
        Limits.require("name", name, Limits.NAME);
        Objects.requireNonNull(fundType, "fundType");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(endsOn, "endsOn");
        Objects.requireNonNull(state, "state");
        if (goal.signum() <= 0) {
            throw new IllegalArgumentException("a campaign's goal must be positive, was " + goal);
        }
        if (endsOn.isBefore(startsOn)) {
            throw new IllegalArgumentException("a campaign cannot end (" + endsOn + ") before it starts (" + startsOn + ")");
        }
    }

    /** The campaign's currency: its goal's. */
    public Currency currency() {
        return goal.currency();
    }

    /** Whether it takes donations on {@code day}: active and within its dates. */
    public boolean acceptsDonationsOn(LocalDate day) {
        return state == CampaignState.ACTIVE && !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}

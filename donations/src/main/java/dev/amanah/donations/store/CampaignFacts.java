package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import java.util.Currency;
import java.util.Objects;

/**
 * What never changes about a campaign once it is created: only its state (and the time of that
 * change) is ever updated, and campaigns are never deleted. So these may be kept in memory once
 * read from a committed row ({@link CampaignStore#facts}).
 *
 * @param id       the campaign's id
 * @param name     its name, as receipts print it
 * @param fundType the fund its donations go to
 * @param currency the currency it collects in
 */
public record CampaignFacts(String id, String name, FundType fundType, Currency currency) {
    /** @throws NullPointerException for a missing part */
    public CampaignFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fundType, "fundType");
        Objects.requireNonNull(currency, "currency");
    }
}

package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.LocalDate;

/**
 * What {@link CampaignStore#create} needs: a campaign starts as a {@link CampaignState#DRAFT}.
 * Fields as in {@link Campaign}.
 */
public record NewCampaign(String id, String name, FundType fundType, Money goal, LocalDate startsOn, LocalDate endsOn) {
}

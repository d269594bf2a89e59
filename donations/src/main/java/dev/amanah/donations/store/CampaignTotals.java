package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;

/**
 * What a campaign has raised, from the database: the figures its statistics are rebuilt from.
 * Only recorded donations count ({@link DonationPhase#isRecorded()}); refunds count once posted.
 *
 * @param campaignId    the campaign
 * @param raised        the sum of its recorded donations, in the campaign's currency
 * @param refunded      the sum of their posted refunds
 * @param donationCount how many recorded donations
 * @param donorCount    how many distinct donors gave them
 */
public record CampaignTotals(String campaignId, Money raised, Money refunded, long donationCount, long donorCount) {

    /** Raised less refunded. */
    public Money net() {
        return raised.minus(refunded);
    }
}

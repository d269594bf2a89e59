package dev.amanah.donations.campaign;

/**
 * Where a campaign's statistics server gets its totals when it (re)starts: the service implements
 * it with its database. Called in a task of the server's own, never by a query.
 */
@FunctionalInterface
public interface CampaignTotalsSource {

    /**
     * The campaign's totals as recorded now.
     *
     * @throws Exception anything: the load fails, the server crashes and its supervisor restarts it
     *                   (within the supervisor's restart intensity), which loads again
     */
    CampaignTotals load(String campaignId) throws Exception;
}

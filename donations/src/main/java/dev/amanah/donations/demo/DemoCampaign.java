package dev.amanah.donations.demo;

/**
 * A sample campaign the demo creates and activates.
 *
 * @param id        its id
 * @param name      its name
 * @param fundType  ZAKAT, SADAQAH, WAQF, GENERAL...
 * @param currency  the currency of its goal and donations
 * @param goalMinor its goal in minor units
 */
record DemoCampaign(String id, String name, String fundType, String currency, long goalMinor) {
    /** The four campaigns of the demo. */
    static final java.util.List<DemoCampaign> SAMPLES = java.util.List.of(
            new DemoCampaign("ramadan-food-2026", "Ramadan food parcels", "SADAQAH", "GBP", 1_000_000),
            new DemoCampaign("zakat-hardship-fund", "Zakat hardship fund", "ZAKAT", "GBP", 1_500_000),
            new DemoCampaign("clean-water-wells", "Clean water wells", "SADAQAH", "USD", 1_200_000),
            new DemoCampaign("school-waqf", "School library waqf", "WAQF", "EUR", 800_000));
}

package dev.amanah.donations.store;

/**
 * The organisation that issues a receipt, as printed on it.
 *
 * @param name          its name, 1 to 200 characters
 * @param address       its postal address on one line, 1 to 500 characters
 * @param charityNumber its registration number, 1 to 64 characters
 */
public record Charity(String name, String address, String charityNumber) {
    /** @throws IllegalArgumentException for an empty text or one too long for its column */
    public Charity {
        Limits.require("organisation.name", name, Limits.NAME);
        Limits.require("organisation.address", address, Limits.TEXT);
        Limits.require("organisation.charityNumber", charityNumber, Limits.ID);
    }
}

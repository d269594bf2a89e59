package dev.amanah.finance.ledger;

import dev.amanah.finance.fund.Fund;
import dev.amanah.finance.fund.Recipient;
import java.util.Objects;

/**
 * A ledger account, identified by its type and an id within that type. Accounts need no opening:
 * an account exists once an entry names it, and its balance is the sum of its entries.
 *
 * @param type the type
 * @param id   the id within the type ("stripe", a fund id, a recipient id)
 */
public record Account(AccountType type, String id) {

    /** Requires both components. */
    public Account {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** The clearing account of a gateway. */
    public static Account clearing(String gateway) {
        return new Account(AccountType.CLEARING, gateway);
    }

    /** The account of a fund. */
    public static Account fund(Fund fund) {
        return new Account(AccountType.FUND, fund.id());
    }

    /** The account of a campaign. */
    public static Account campaign(String campaignId) {
        return new Account(AccountType.CAMPAIGN, campaignId);
    }

    /** The administrators' share of zakat. */
    public static Account administratorsShare() {
        return new Account(AccountType.ADMINISTRATORS_SHARE, "zakat");
    }

    /** Fees of a gateway. */
    public static Account gatewayFees(String gateway) {
        return new Account(AccountType.GATEWAY_FEES, gateway);
    }

    /** What is owed to one recipient. */
    public static Account recipientPayable(Recipient recipient) {
        return new Account(AccountType.RECIPIENT_PAYABLE, recipient.id());
    }

    /** Refunds owed to donors. */
    public static Account refundsPayable() {
        return new Account(AccountType.REFUNDS_PAYABLE, "donors");
    }

    /** {@code TYPE:id}, e.g. {@code FUND:zakat-2025}. */
    @Override
    public String toString() {
        return type + ":" + id;
    }
}

package dev.amanah.donations.store;

import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.money.Money;

/**
 * The posted balance of one account in one currency: debits minus credits.
 *
 * @param account the account
 * @param balance the sum of its posted entries, debit-positive
 */
public record AccountBalance(Account account, Money balance) {
}

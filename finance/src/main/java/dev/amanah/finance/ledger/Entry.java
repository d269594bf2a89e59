package dev.amanah.finance.ledger;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * One line of a transaction: an amount debited or credited to an account.
 *
 * @param account the account
 * @param side    debit or credit
 * @param amount  strictly positive; the side gives the direction
 */
public record Entry(Account account, Side side, Money amount) {

    /** @throws FinanceException {@code NON_POSITIVE_ENTRY} (field {@code amount}) unless positive */
    public Entry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        if (amount.signum() <= 0) {
            throw new FinanceException(ErrorCode.NON_POSITIVE_ENTRY, "amount",
                    "an entry must be positive, the side gives its direction; was " + amount + " to " + account);
        }
    }

    /** A debit. */
    public static Entry debit(Account account, Money amount) {
        return new Entry(account, Side.DEBIT, amount);
    }

    /** A credit. */
    public static Entry credit(Account account, Money amount) {
        return new Entry(account, Side.CREDIT, amount);
    }

    /** The amount as it counts in a balance: positive for a debit, negative for a credit. */
    public Money signed() {
        return side == Side.DEBIT ? amount : amount.negate();
    }

    /** The same amount on the other side: the line of a reversal. */
    Entry reversed() {
        return new Entry(account, side.opposite(), amount);
    }
}

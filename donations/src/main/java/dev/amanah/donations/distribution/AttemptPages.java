package dev.amanah.donations.distribution;

import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStore;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The payouts a payment run pays, read a page at a time: the ids of the unpaid ones are given, and
 * each page of {@code pageSize} is counted as attempted ({@link PayoutStore#recordAttempts}, one
 * transaction) just before its first payout is handed out. So a run of 100,000 payouts holds only
 * their ids and one page, and writes one transaction per page instead of one per payout before
 * paying. A payout paid meanwhile (by nobody else while its plan is {@code EXECUTING}) is skipped.
 *
 * <p>Not thread-safe: one iterator, pulled by the run's process. A run that dies mid-page leaves
 * the rest of the page counted as attempted but never sent: {@link DistributionRecovery} finds
 * nothing at the provider under their keys and fails them, to be paid by the next run.
 */
final class AttemptPages implements Iterable<Payout> {
    private final PayoutStore payouts;
    private final List<String> ids;
    private final int pageSize;

    AttemptPages(PayoutStore payouts, List<String> ids, int pageSize) {
        if (pageSize < 1 || pageSize > PayoutStore.MAX_IDS) {
            throw new IllegalArgumentException("pageSize must be 1 to " + PayoutStore.MAX_IDS + ", was " + pageSize);
        }
        this.payouts = payouts;
        this.ids = List.copyOf(ids);
        this.pageSize = pageSize;
    }

    @Override
    public Iterator<Payout> iterator() {
        return new Iterator<>() {
            private int nextPage;
            private Iterator<Payout> page = List.<Payout>of().iterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && nextPage < ids.size()) {
                    int end = Math.min(ids.size(), nextPage + pageSize);
                    page = payouts.recordAttempts(ids.subList(nextPage, end)).iterator();
                    nextPage = end;
                }
                return page.hasNext();
            }

            @Override
            public Payout next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }
}

package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;

/**
 * The ledger of {@link ZakatDistribution}: credits each recipient once (a second credit for the
 * same recipient fails the run) and answers its totals. The state is mutated in place: it belongs
 * to this server's process alone.
 */
final class LedgerServer implements GenServer<LedgerServer.Book> {
    /** Credit {@code amount} minor units to {@code recipient}; answered with {@code true}. */
    record Credit(int recipient, long amount) {
    }

    /** Answered with the {@link Totals}. */
    record Read() {
    }

    /** What the ledger holds. */
    record Totals(long credits, long total) {
    }

    /** The ledger's state: who was credited, how often, how much. */
    static final class Book {
        private final boolean[] credited;
        private long credits;
        private long total;

        Book(int recipients) {
            credited = new boolean[recipients];
        }
    }

    private final int recipients;

    LedgerServer(int recipients) {
        this.recipients = recipients;
    }

    @Override
    public InitResult<Book> init() {
        return new Ok<>(new Book(recipients));
    }

    @Override
    public CallResult<Book> handleCall(Object request, ReplyTo from, Book book) {
        return switch (request) {
            case Credit(int recipient, long amount) -> {
                BenchmarkFailure.check(!book.credited[recipient], () -> "seed_zakat: recipient " + recipient + " credited twice");
                book.credited[recipient] = true;
                book.credits++;
                book.total += amount;
                yield new Reply<>(true, book);
            }
            case Read() -> new Reply<>(new Totals(book.credits, book.total), book);
            default -> GenServer.super.handleCall(request, from, book);
        };
    }
}

package dev.amanah.bench.call;

import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;

/**
 * The GenServer of the {@code call} and {@code cast} scenarios: answers {@link Echo} with its
 * number, counts {@link Increment} casts (checking that they arrive in the order sent), and
 * answers {@link Served} with how many calls or casts it has handled. Its state is that count, or
 * -1 once a cast came out of order (which then fails the count check).
 */
public final class EchoServer implements GenServer<Long> {
    /** A call answered with {@code n}. */
    public record Echo(int n) {
    }

    /** A cast that must be the {@code n}-th (from 0) the server handles. */
    public record Increment(int n) {
    }

    /** A call answered with the count of calls or casts handled so far (this one excluded). */
    public record Served() {
    }

    @Override
    public InitResult<Long> init() {
        return new Ok<>(0L);
    }

    @Override
    public CallResult<Long> handleCall(Object request, ReplyTo from, Long handled) {
        return switch (request) {
            case Echo(int n) -> new Reply<>(n, handled + 1);
            case Served() -> new Reply<>(handled, handled);
            default -> GenServer.super.handleCall(request, from, handled);
        };
    }

    @Override
    public Result<Long> handleCast(Object request, Long handled) {
        return switch (request) {
            case Increment(int n) -> new NoReply<>(handled >= 0 && n == handled ? handled + 1 : -1L);
            default -> GenServer.super.handleCast(request, handled);
        };
    }
}

package dev.amanah.bench.seed;

import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;

/** One campaign of {@link CampaignStats}: counts and sums the donations cast to it, answers its {@link Stats}. */
final class CampaignServer implements GenServer<CampaignServer.Stats> {
    /** A donation of {@code amount} minor units (a cast). */
    record Donation(long amount) {
    }

    /** Answered with the {@link Stats}. */
    record Read() {
    }

    /** The campaign's count of donations and their total in minor units. */
    record Stats(long count, long total) {
    }

    @Override
    public InitResult<Stats> init() {
        return new Ok<>(new Stats(0, 0));
    }

    @Override
    public Result<Stats> handleCast(Object request, Stats stats) {
        return request instanceof Donation(long amount)
                ? new NoReply<>(new Stats(stats.count() + 1, stats.total() + amount))
                : GenServer.super.handleCast(request, stats);
    }

    @Override
    public CallResult<Stats> handleCall(Object request, ReplyTo from, Stats stats) {
        return request instanceof Read ? new Reply<>(stats, stats) : GenServer.super.handleCall(request, from, stats);
    }
}

package dev.amanah.bench.pingpong;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@link PingPong} on Pekko typed actors: the ponger answers each {@code Ping} to its
 * {@code replyTo}; the pinger sends the next ping from its pong handler.
 */
final class PekkoPingPong implements Workload {
    private record Ping(int n, ActorRef<PingerMessage> replyTo) {
    }

    private sealed interface PingerMessage {
    }

    private record Start() implements PingerMessage {
    }

    private record Pong(int n) implements PingerMessage {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int roundTrips = scale.count(PingPong.ROUND_TRIPS);
        var finished = new Completion(1);
        try (var host = PekkoHost.start()) {
            var ponger = host.spawn(Behaviors.receiveMessage((Ping ping) -> {
                ping.replyTo().tell(new Pong(ping.n()));
                return Behaviors.same();
            }));
            var pinger = host.spawn(pinger(ponger, roundTrips, finished));
            long start = System.nanoTime();
            pinger.tell(new Start());
            finished.await("ping_pong on Pekko");
            long elapsed = System.nanoTime() - start;
            return List.of(Sample.rate(PingPong.rate(scale), roundTrips, elapsed));
        }
    }

    private static Behavior<PingerMessage> pinger(ActorRef<Ping> ponger, int roundTrips, Completion finished) {
        return Behaviors.setup(context -> new Pinger(context, ponger, roundTrips, finished));
    }

    /** Sends ping n+1 when pong n arrives; checks each pong against the ping it answers. */
    private static final class Pinger extends AbstractBehavior<PingerMessage> {
        private final ActorRef<Ping> ponger;
        private final int roundTrips;
        private final Completion finished;
        private int expected;

        Pinger(ActorContext<PingerMessage> context, ActorRef<Ping> ponger, int roundTrips, Completion finished) {
            super(context);
            this.ponger = ponger;
            this.roundTrips = roundTrips;
            this.finished = finished;
        }

        @Override
        public Receive<PingerMessage> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Start.class, start -> {
                        ponger.tell(new Ping(0, getContext().getSelf()));
                        return this;
                    })
                    .onMessage(Pong.class, this::onPong)
                    .build();
        }

        private Behavior<PingerMessage> onPong(Pong pong) {
            if (pong.n() != expected) {
                finished.fail(new BenchmarkFailure(PingPong.mismatch(expected, pong.n())));
                return Behaviors.stopped();
            }
            if (++expected == roundTrips) {
                finished.done();
                return Behaviors.stopped();
            }
            ponger.tell(new Ping(expected, getContext().getSelf()));
            return this;
        }
    }
}

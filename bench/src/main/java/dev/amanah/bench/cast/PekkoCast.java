package dev.amanah.bench.cast;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** {@link Cast} on Pekko typed actors: a client actor tells the casts, then asks for the count. */
final class PekkoCast implements Workload {
    private sealed interface ServerMessage {
    }

    private record Increment(int n) implements ServerMessage {
    }

    private record Count(ActorRef<Counted> replyTo) implements ServerMessage {
    }

    private sealed interface ClientMessage {
    }

    private record Start() implements ClientMessage {
    }

    private record Counted(long count) implements ClientMessage {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int casts = scale.count(Cast.CASTS);
        var ended = new Completion(1);
        try (var host = PekkoHost.start()) {
            var server = host.spawn(Behaviors.setup(Server::new));
            var client = host.spawn(Behaviors.<ClientMessage>setup(context -> {
                ActorRef<Counted> self = context.getSelf().narrow();
                return Behaviors.receiveMessage(message -> {
                    switch (message) {
                        case Start start -> {
                            for (int i = 0; i < casts; i++) {
                                server.tell(new Increment(i));
                            }
                            server.tell(new Count(self));
                            return Behaviors.same();
                        }
                        case Counted counted -> {
                            try {
                                Cast.checkCount(casts, counted.count());
                                ended.done();
                            } catch (BenchmarkFailure e) {
                                ended.fail(e);
                            }
                            return Behaviors.stopped();
                        }
                    }
                });
            }));
            long start = System.nanoTime();
            client.tell(new Start());
            ended.await("cast on Pekko");
            long elapsed = System.nanoTime() - start;
            return Cast.samples(casts, elapsed);
        }
    }

    /** Counts the casts, checking their order, and answers {@code Count}. */
    private static final class Server extends AbstractBehavior<ServerMessage> {
        private long handled;
        private BenchmarkFailure failure;

        Server(ActorContext<ServerMessage> context) {
            super(context);
        }

        @Override
        public Receive<ServerMessage> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Increment.class, increment -> {
                        if (failure == null) {
                            try {
                                Cast.checkOrder(increment.n(), handled);
                            } catch (BenchmarkFailure e) {
                                failure = e;
                            }
                        }
                        handled++;
                        return this;
                    })
                    // An order failure answers -1, which fails the client's count check.
                    .onMessage(Count.class, count -> {
                        count.replyTo().tell(new Counted(failure == null ? handled : -1));
                        return this;
                    })
                    .build();
        }
    }
}

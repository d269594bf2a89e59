package dev.amanah.bench.call;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@link Call} on Pekko typed actors: client actors send the next request from their reply
 * handler (the idiomatic request-response between actors); the plain thread uses
 * {@code AskPattern.ask}, which creates a temporary actor per call, and waits on the future.
 */
final class PekkoCall implements Workload {
    private sealed interface ServerMessage {
    }

    private record Get(int n, ActorRef<Reply> replyTo) implements ServerMessage {
    }

    private record Stop(long expected, Completion stopped) implements ServerMessage {
    }

    private sealed interface ClientMessage {
    }

    private record Go() implements ClientMessage {
    }

    private record Reply(int n) implements ClientMessage {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Call.Size.of(scale);
        try (var host = PekkoHost.start()) {
            var server = host.spawn(Behaviors.setup(Server::new));
            long single = clients(host, server, 1, size.singleCalls());
            long concurrent = clients(host, server, size.clients(), size.callsPerClient());
            long plain = plainThread(host.system(), server, size.plainThreadCalls());
            var stopped = new Completion(1);
            server.tell(new Stop(size.totalCalls(), stopped));
            stopped.await("call on Pekko: server");
            return size.samples(single, concurrent, plain);
        }
    }

    private static long clients(PekkoHost host, ActorRef<ServerMessage> server, int count, int calls)
            throws InterruptedException {
        var ready = new Completion(count);
        var done = new Completion(count);
        var clients = host.spawnMany(count,
                index -> Behaviors.<ClientMessage>setup(context -> new Client(context, server, calls, ready, done)));
        ready.await("call on Pekko: clients starting");
        long start = System.nanoTime();
        for (var client : clients) {
            client.tell(new Go());
        }
        done.await("call on Pekko: " + count + " clients × " + calls + " calls");
        return System.nanoTime() - start;
    }

    private static long plainThread(ActorSystem<?> system, ActorRef<ServerMessage> server, int calls)
            throws InterruptedException {
        var done = new Completion(1);
        long start = System.nanoTime();
        var thread = Thread.ofPlatform().name("plain-caller").start(done.guard(() -> {
            for (int i = 0; i < calls; i++) {
                int n = i;
                Reply reply;
                try {
                    reply = AskPattern.<ServerMessage, Reply>ask(server, replyTo -> new Get(n, replyTo),
                            Call.TIMEOUT, system.scheduler()).toCompletableFuture().get();
                } catch (Exception e) {
                    throw new BenchmarkFailure("call on Pekko: ask " + n + " failed: " + e);
                }
                Call.checkReply(n, reply.n());
            }
        }));
        done.await("call on Pekko: plain thread");
        long elapsed = System.nanoTime() - start;
        thread.join();
        return elapsed;
    }

    /** Answers every {@code Get} with its number; checks the count on {@code Stop}. */
    private static final class Server extends AbstractBehavior<ServerMessage> {
        private long served;

        Server(ActorContext<ServerMessage> context) {
            super(context);
        }

        @Override
        public Receive<ServerMessage> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Get.class, get -> {
                        get.replyTo().tell(new Reply(get.n()));
                        served++;
                        return this;
                    })
                    .onMessage(Stop.class, stop -> {
                        try {
                            Call.checkServed(stop.expected(), served);
                            stop.stopped().done();
                        } catch (BenchmarkFailure e) {
                            stop.stopped().fail(e);
                        }
                        return Behaviors.stopped();
                    })
                    .build();
        }
    }

    /** Makes {@code calls} calls one after the other, starting on {@code Go}. */
    private static final class Client extends AbstractBehavior<ClientMessage> {
        private final ActorRef<ServerMessage> server;
        private final ActorRef<Reply> self;
        private final int calls;
        private final Completion done;
        private int next;

        Client(ActorContext<ClientMessage> context, ActorRef<ServerMessage> server, int calls,
               Completion ready, Completion done) {
            super(context);
            this.server = server;
            this.self = context.getSelf().narrow();
            this.calls = calls;
            this.done = done;
            ready.done();
        }

        @Override
        public Receive<ClientMessage> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Go.class, go -> {
                        server.tell(new Get(next, self));
                        return this;
                    })
                    .onMessage(Reply.class, this::onReply)
                    .build();
        }

        private Behavior<ClientMessage> onReply(Reply reply) {
            try {
                Call.checkReply(next, reply.n());
            } catch (BenchmarkFailure e) {
                done.fail(e);
                return Behaviors.stopped();
            }
            if (++next == calls) {
                done.done();
                return Behaviors.stopped();
            }
            server.tell(new Get(next, self));
            return this;
        }
    }
}

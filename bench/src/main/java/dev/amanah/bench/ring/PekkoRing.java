package dev.amanah.bench.ring;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** {@link Ring} on Pekko typed actors, each stopping after its last token. */
final class PekkoRing implements Workload {
    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Ring.Size.of(scale);
        var ready = new Completion(size.processes());
        var ended = new Completion(size.processes());
        // Filled by the guardian before any token is sent; the first tell publishes it.
        var ring = new ArrayList<ActorRef<Ring.Token>>(size.processes());
        try (var host = PekkoHost.start()) {
            ring.addAll(host.spawnMany(size.processes(),
                    index -> Behaviors.setup(context -> new Member(context, index, size, ring, ready, ended))));
            ready.await("ring on Pekko: spawning");
            long start = System.nanoTime();
            ring.get(0).tell(new Ring.Token(1));
            ended.await("ring on Pekko");
            long elapsed = System.nanoTime() - start;
            return List.of(Sample.rate(size.metric(), size.messages(), elapsed));
        }
    }

    /** One member of the ring: forwards each token to the next and stops after the last round. */
    private static final class Member extends AbstractBehavior<Ring.Token> {
        private final int index;
        private final Ring.Size size;
        private final List<ActorRef<Ring.Token>> ring;
        private final Completion ended;
        private int received;

        Member(ActorContext<Ring.Token> context, int index, Ring.Size size,
               List<ActorRef<Ring.Token>> ring, Completion ready, Completion ended) {
            super(context);
            this.index = index;
            this.size = size;
            this.ring = ring;
            this.ended = ended;
            ready.done();
        }

        @Override
        public Receive<Ring.Token> createReceive() {
            return newReceiveBuilder().onMessage(Ring.Token.class, this::onToken).build();
        }

        private Behavior<Ring.Token> onToken(Ring.Token token) {
            try {
                if (!size.isLast(index, token.hops())) {
                    ring.get(size.next(index)).tell(new Ring.Token(token.hops() + 1));
                }
            } catch (RuntimeException e) {
                ended.fail(e);
                return Behaviors.stopped();
            }
            if (++received == size.rounds()) {
                ended.done();
                return Behaviors.stopped();
            }
            return this;
        }
    }
}

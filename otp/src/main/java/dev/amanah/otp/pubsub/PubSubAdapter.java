package dev.amanah.otp.pubsub;

import dev.amanah.otp.Pid;
import dev.amanah.otp.supervisor.ChildSpec;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link PubSub} sends a broadcast besides its own node's subscribers: Phoenix.PubSub's
 * adapter behaviour. The local subscribers are always served by the {@code PubSub} itself,
 * through its registry; an adapter forwards the broadcast to other nodes, whose own {@code PubSub}
 * then calls {@link PubSub#localBroadcastFrom} there.
 *
 * <p>{@link #LOCAL} (one node, nothing to forward) is the default. A cross-node adapter starts its
 * processes through {@link #childSpecs}, under the {@code PubSub}'s supervisor.
 */
public interface PubSubAdapter {

    /** The single-node adapter: forwards nothing. */
    PubSubAdapter LOCAL = new PubSubAdapter() {
        @Override
        public void broadcast(String topic, Object message, Optional<Pid> from) {
        }

        @Override
        public String toString() {
            return "PubSubAdapter.LOCAL";
        }
    };

    /**
     * Forwards a broadcast to the other nodes. Called in the broadcasting process, before the local
     * subscribers are served; it must not block for long. An exception fails the broadcast, as an
     * adapter's {@code {:error, reason}} does in Phoenix (the local subscribers are then not served).
     *
     * @param from the sender to skip ({@link PubSub#broadcastFrom}), empty for a plain broadcast
     */
    void broadcast(String topic, Object message, Optional<Pid> from);

    /** The processes the adapter needs, started after the registry. Default: none. */
    default List<ChildSpec> childSpecs(PubSub pubsub) {
        return List.of();
    }
}

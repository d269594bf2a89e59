package dev.amanah.otp.registry;

import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitHook;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;

/**
 * The process of one registry partition: owners link to it when they register (so that they go
 * down with the registry), and it traps exits. An owner's death removes its entries and this link
 * itself (see {@link Owned}); an {@link Exit} that arrives all the same (from an owner that linked
 * to it on its own) removes whatever that owner still has here. Its own death ends the partition
 * (see {@link Partition#end}): the owners' clean-up is taken off the owners that outlive it.
 */
final class PartitionServer<K, V> implements GenServer<Partition<K, V>> {

    /** A call answered once every message queued before it has been handled. */
    record Sync() {
    }

    private final Table<K, V> table;
    private final int index;

    PartitionServer(Table<K, V> table, int index) {
        this.table = table;
        this.index = index;
    }

    @Override
    public InitResult<Partition<K, V>> init() {
        Processes.trapExits(true);
        var partition = table.partitions[index];
        partition.pid = Processes.self();
        new Ending(partition).attach();
        return new Ok<>(partition);
    }

    /** The partition's process's death: the registry's end, for its partition's storage. */
    private static final class Ending extends ExitHook {
        private final Partition<?, ?> partition;

        Ending(Partition<?, ?> partition) {
            this.partition = partition;
        }

        @Override
        protected void exited(Pid pid) {
            partition.end();
        }
    }

    @Override
    public CallResult<Partition<K, V>> handleCall(Object request, ReplyTo from, Partition<K, V> partition) {
        return request instanceof Sync ? new Reply<>(true, partition) : GenServer.super.handleCall(request, from, partition);
    }

    @Override
    public Result<Partition<K, V>> handleInfo(Object message, Partition<K, V> partition) {
        if (message instanceof Exit(var owner, var reason)) {
            table.removeOwner(partition, owner);
            return new NoReply<>(partition);
        }
        return GenServer.super.handleInfo(message, partition);
    }
}

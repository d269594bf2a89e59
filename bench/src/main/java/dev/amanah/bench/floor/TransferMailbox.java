package dev.amanah.bench.floor;

import java.util.concurrent.LinkedTransferQueue;

/**
 * A floor mailbox on the JDK's {@link LinkedTransferQueue}, which hands a message directly to a
 * consumer already waiting in {@code take} (and spins briefly before parking).
 */
final class TransferMailbox implements FloorMailbox {
    private final LinkedTransferQueue<Object> queue = new LinkedTransferQueue<>();

    @Override
    public void send(Object message) {
        queue.put(message);
    }

    @Override
    public Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("floor mailbox: interrupted while waiting", e);
        }
    }
}

package dev.amanah.otp.task;

import java.util.concurrent.LinkedTransferQueue;

/**
 * What an async stream's consumer, its monitor process and (in a linked stream) its element
 * tasks share. Deliberately not the consumer's mailbox: stream traffic never mixes with the
 * owner's own messages, and an abandoned stream leaves nothing behind in it. The monitor and the
 * tasks hold only this, never the stream itself, so that an abandoned stream can be
 * garbage-collected (and its monitor stopped).
 */
final class StreamChannel {
    /** Monitor and tasks to consumer: finished {@link StreamSlot}s and monitor events. */
    final LinkedTransferQueue<Object> inbox = new LinkedTransferQueue<>();
    /** Linked streams: the tasks that may be alive. */
    final StreamRing ring;
    /** Set by the consumer when it closes the stream; the monitor then starts no more tasks. */
    volatile boolean closed;

    StreamChannel(int maxConcurrency) {
        ring = new StreamRing(maxConcurrency);
    }
}

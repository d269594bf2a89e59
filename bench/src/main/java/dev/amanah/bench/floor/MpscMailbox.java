package dev.amanah.bench.floor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A floor mailbox: Vyukov's intrusive MPSC linked queue, and park/unpark to wait.
 *
 * <p>A producer swaps its node into {@code tail} with one atomic exchange and links the previous
 * tail to it; the consumer owns {@code head} (a stub) and needs no atomic. To wait, the consumer
 * publishes itself in {@code waiter} and re-checks the queue before parking; a producer links its
 * node and then reads {@code waiter}. Both are volatile accesses, so one of the two sees the other
 * (Dekker) and no wake-up is lost. There is no spinning before parking, deliberately: this is the
 * plain parking floor.
 */
final class MpscMailbox implements FloorMailbox {
    private static final VarHandle TAIL;
    private static final VarHandle WAITER;

    static {
        try {
            var lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(MpscMailbox.class, "tail", Node.class);
            WAITER = lookup.findVarHandle(MpscMailbox.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Node {
        Object message;
        volatile Node next;

        Node(Object message) {
            this.message = message;
        }
    }

    private volatile Node tail;
    private volatile Thread waiter;
    private Node head;

    MpscMailbox() {
        head = new Node(null);
        tail = head;
    }

    @Override
    public void send(Object message) {
        var node = new Node(message);
        var previous = (Node) TAIL.getAndSet(this, node);
        previous.next = node;
        var sleeper = waiter;
        if (sleeper != null && WAITER.compareAndSet(this, sleeper, null)) {
            LockSupport.unpark(sleeper);
        }
    }

    @Override
    public Object take() {
        for (;;) {
            var next = head.next;
            if (next != null) {
                var message = next.message;
                next.message = null;
                head = next;
                return message;
            }
            waiter = Thread.currentThread();
            if (head.next == null) {
                LockSupport.park(this);
            }
            waiter = null;
        }
    }
}

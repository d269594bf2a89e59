package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A process's mailbox: many producers, one consumer, with Erlang's selective receive.
 *
 * <p>Guarantees: sends and receives are linearizable; messages from one sender are received in
 * the order they were sent; a message that a selective receive skips stays in the mailbox, before
 * every message that arrived after it; {@link #queueLength()} is O(1) and exact whenever no send
 * is in flight (a send in flight may or may not be counted yet). Sending never blocks, takes no
 * lock and is wait-free. Only the owning thread may call the receive methods.
 *
 * <h2>Implementation notes</h2>
 * Two parts. New messages go into an intrusive linked MPSC queue after Dmitry Vyukov's design:
 * a producer swaps itself into {@code tail} with one atomic exchange and then links the previous
 * tail to its node; the consumer owns {@code head}, a stub node, and never needs an atomic. A
 * consumer that finds {@code head.next == null} while a producer sits between its exchange and its
 * link would see the queue as momentarily empty, although a later producer may have finished;
 * as JCTools' {@code MpscLinkedQueue} does, the consumer then spins until the link appears, which
 * keeps every operation linearizable (checked with Lincheck in {@code MailboxLincheckTest}).
 * <p>
 * Messages a selective receive examined and did not want are moved, in order, to the
 * <em>save queue</em>, a plain singly linked list that only the consumer touches. Every receive
 * scans the save queue first, then takes from the MPSC queue: arrival order is kept.
 * <p>
 * Waking: before parking, the consumer publishes itself in {@code waiter} (a volatile write) and
 * then re-checks {@code head.next}; a producer links its node, then reads {@code waiter}
 * (after a full fence, the arrivals counter's atomic add). One of the two always sees the other,
 * as in Dekker's algorithm, so no wake-up is lost; the producer that clears {@code waiter} with a
 * CAS is the one that unparks, so a consumer woken by a message finds the field cleared and writes
 * nothing more (see {@code forgetWaiter}). Before publishing itself the consumer spins briefly, but only
 * when the scheduler has nothing queued ({@link Spin}), or once the one task queued (most often the
 * peer it has just woken) is taken by another carrier: a spinning process holds its carrier, and
 * a blind spin, holding the carrier the peer needed, made ping-pong five times slower and spawning
 * three times slower than parking at once; and not after several spins in a row that saw
 * nothing ({@link #waitStart}).
 * <p>
 * Dropping: a send from a process that dies during it must be dropped or arrive before anyone
 * hears of the death. The sender's liveness is checked after the exchange (see
 * {@link #enqueueFrom}), which serves as the fence of that handshake; a send found dead then
 * links its node emptied ({@code DROPPED}), which the receiver skips and nobody counts, and wakes
 * the owner all the same: messages sent after it are reachable only through its node, and their
 * own wake-ups may have come before its link and found nothing. A send
 * to a mailbox whose owner has ended is dropped as well: the owner leaves a {@code CLOSED} mark
 * as its tail when it lets its messages go, and the exchange hands that mark to the next sender
 * (see {@link #enqueueFrom}); senders never read the owner's liveness, which shares a cache line
 * with what the owner writes at every receive.
 * <p>
 * Length: {@code arrivals} counts messages ever enqueued (producers, atomic add), {@code taken}
 * counts messages ever removed by a receive (consumer only, ordered write); the difference is the
 * number of messages in both parts.
 * <p>
 * Layout: a producer and the consumer run on different cores, and every cache line that holds a
 * field one writes per message and the other touches per message crosses between them at every
 * message. The consumer's fields ({@code head}, {@code taken}, the save queue's head) are declared
 * in the superclass {@link OwnerFields}, which the JVM lays out first, and the producers' ones
 * ({@code tail}, {@code arrivals}, {@code waiter}) here, after them and after the process's cold
 * fields ({@link ProcessFields}): no line holds both sides' fields, where a bare Vyukov queue's
 * head and tail share one.
 */
class Mailbox extends ProcessFields {
    /** A deadline meaning "never give up". */
    static final long FOREVER = Long.MAX_VALUE;
    /** A deadline meaning "look once, do not wait". */
    static final long NO_WAIT = Long.MIN_VALUE;
    /** The message of a node whose sender was found dead after the node took its place; skipped. */
    private static final Object DROPPED = new Object();
    /**
     * The tail of a mailbox whose owner has ended: a send that takes its place from this node
     * puts it back and drops its message. Never linked to, never received from.
     */
    private static final QueueNode CLOSED = new QueueNode(null);

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle ARRIVALS;
    private static final VarHandle TAKEN;
    private static final VarHandle WAITER;

    static {
        try {
            var lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", QueueNode.class);
            ARRIVALS = lookup.findVarHandle(Mailbox.class, "arrivals", long.class);
            TAKEN = lookup.findVarHandle(OwnerFields.class, "taken", long.class);
            WAITER = lookup.findVarHandle(Mailbox.class, "waiter", Thread.class);
            NEXT = lookup.findVarHandle(QueueNode.class, "next", QueueNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The consumer's side (head, taken, the save queue) is in OwnerFields, laid out before these,
    // so that the fields each side touches per message stay apart (see OwnerFields).
    /**
     * Wakes the consumer from timed waits; created on its first one. Consumer thread only.
     * Declared first, so that the JVM puts it before the senders' fields, among the ones that
     * keep those apart from the consumer's (see {@link OwnerFields}).
     */
    private Alarm alarm;

    // Producer side: written by senders at every message (tail, arrivals), read by them (waiter).
    private volatile QueueNode tail;
    private volatile long arrivals;
    private volatile Thread waiter;

    private static final int FRUITLESS_SPINS = 4;
    private static final int WAITS_BETWEEN_TRIES = 64;

    /** How a wait begins, before the owner parks: the answer of {@link #waitStart}. */
    enum WaitStart {
        /** Park at once. */
        PARK,
        /** Spin for at most {@link Spin#SPIN_NANOS}, then park. */
        SPIN,
        /** Wait for the one queued task to be taken by another carrier, then spin; else park. */
        SPIN_ONCE_TAKEN
    }

    private static final int MAX_TAKE_LEVEL = 10;
    /**
     * Sends between two looks at the owner's liveness, a power of two: about as many messages
     * as may stay in the mailbox of an owner that ended without {@link #dropMessages}.
     */
    static final int LIVENESS_PERIOD = 1 << 10;

    /**
     * An empty mailbox, whose queue's stub node is the mailbox itself: a node of its own would
     * cost 24 bytes per process, and most processes receive a handful of messages in their life.
     * After the first receive, the stub is the last message's node, as in any Vyukov queue, and
     * this object's {@code next} is cleared as the consumer passes it. A receive reads the
     * {@code message} of nodes that follow the stub only, never this one's, so a subclass may
     * use it for its own ends until its first receive ({@link ProcessCell} keeps its body there
     * until its thread starts).
     */
    Mailbox() {
        head = this;
        tail = this;
    }

    /** A process's empty mailbox; see {@link OwnerFields#OwnerFields(long, boolean)}. */
    Mailbox(long id, boolean adopted) {
        super(id, adopted);
        head = this;
        tail = this;
    }

    /** Appends a message; any thread; never blocks. */
    final void enqueue(Object message) {
        enqueueFrom(null, message);
    }

    /**
     * Appends a message from {@code sender}, unless {@code sender} turns out to be dead once its
     * message holds a place in the queue; any thread; never blocks. Returns false if the message
     * was dropped (it is then never received nor counted).
     *
     * <p>The check of the sender comes after the exchange that takes the place, which is a full
     * fence, so a sender that announced its send beforehand ({@link ProcessCell#startSend()}, an
     * opaque store) needs no fence of its own: either death sees the announcement (and waits for
     * the send to end), or this check sees the death. A dropped message leaves its node in the
     * queue, emptied, and the receiver skips it; its link still wakes a waiting owner, for the
     * messages queued behind it.
     *
     * <p>A send to a mailbox whose owner has ended is dropped too (and returns true if the
     * sender lives): the exchange hands it the {@link #CLOSED} mark, which the owner left as it
     * let its messages go ({@link #dropMessages}), or which a send left on finding the owner
     * dead ({@link #ownerEnded}, asked once in {@link #LIVENESS_PERIOD} sends). Why not ask the
     * owner's liveness at every send: it lies among the fields the owner writes at every receive,
     * and a sender reading it took that cache line from the receiving core at every message;
     * with this mailbox's own line, which both sides write, two lines then crossed between the
     * cores per message where a bare queue moves one.
     *
     * @param sender the sending process, or null for a send that nobody can kill
     */
    final boolean enqueueFrom(Mailbox sender, Object message) {
        var node = new QueueNode(message);
        var previous = (QueueNode) TAIL.getAndSet(this, node);
        if (previous == CLOSED) {
            // Put the mark back. A send that took its place from our node meanwhile links to a
            // node that nothing reaches: dropped as well, as nobody would have received it.
            node.message = null;
            tail = CLOSED;
            return sender == null || !sender.sendsNoMore();
        }
        if (sender != null && sender.sendsNoMore()) {
            node.message = DROPPED;
            // Nothing to count, but a wake-up all the same: sends that took their places after
            // this one may have linked and woken the owner while this node was not linked yet,
            // so that the owner found nothing it could reach and waits again; this link is what
            // makes their messages reachable. A volatile store, the full fence that the Dekker
            // handshake with the owner's publication of itself needs (arrived has its atomic add).
            NEXT.setVolatile(previous, node);
            wakeWaiter();
            return false;
        }
        NEXT.setRelease(previous, node);
        arrived(1L);
        return true;
    }

    /**
     * Appends two messages in one step, {@code first} then {@code second}, with nothing between
     * them; any thread; never blocks. For the runtime's own sends, which need no check of a
     * sender: a dying process's last message and the signal that tells of its end (see
     * {@link Processes#sendOnExit}). One exchange of the tail, where two sends take it twice.
     */
    final void enqueueTwo(Object first, Object second) {
        var node = new QueueNode(first);
        var last = new QueueNode(second);
        NEXT.set(node, last); // published by the release store that links node
        var previous = (QueueNode) TAIL.getAndSet(this, last);
        if (previous == CLOSED) {
            node.message = null;
            last.message = null;
            tail = CLOSED; // as in enqueueFrom
            return;
        }
        NEXT.setRelease(previous, node);
        arrived(2L);
    }

    /**
     * After {@code count} messages were linked: counts them, bounds the mailbox of an owner that
     * ended (looked at once in {@link #LIVENESS_PERIOD} messages) and wakes a waiting owner.
     */
    private void arrived(long count) {
        long before = (long) ARRIVALS.getAndAdd(this, count);
        if (((before ^ (before + count)) & -LIVENESS_PERIOD) != 0 && ownerEnded()) {
            tail = CLOSED; // an owner that ended without letting its messages go: bound what it keeps
        }
        wakeWaiter();
    }

    /**
     * Wakes the owner if it has published itself as waiting; after a link and a full fence. The
     * producer that clears {@link #waiter} with its CAS is the one that unparks.
     */
    private void wakeWaiter() {
        var sleeper = waiter;
        if (sleeper != null && WAITER.compareAndSet(this, sleeper, null)) {
            LockSupport.unpark(sleeper);
        }
    }

    /**
     * Whether this mailbox's owner, as a sender, is dead, so that what it sends now must be
     * dropped; a volatile read. The default, for a bare mailbox, is never.
     */
    boolean sendsNoMore() {
        return false;
    }

    /**
     * Whether the owner has ended, so that sends may be dropped; asked by a sender once in
     * {@link #LIVENESS_PERIOD} sends. The default, for a bare mailbox, is never.
     */
    boolean ownerEnded() {
        return false;
    }

    /** Messages in the mailbox; O(1); exact when no send is in flight. */
    final int queueLength() {
        long length = arrivals - taken;
        // A receive may take a message whose producer has linked it but not yet counted it.
        return length <= 0 ? 0 : (int) Math.min(length, Integer.MAX_VALUE);
    }

    /**
     * Messages ever removed from this mailbox by a receive: the process's work, which
     * {@link ProcessInfo#reductions()} reports; any thread, exact at the instant of the read.
     */
    final long takenCount() {
        return taken;
    }

    /**
     * Removes and returns the oldest message for which {@code matcher} answers non-null, and that
     * answer; returns null when none arrives before {@code deadline}.
     *
     * @param deadline {@link System#nanoTime()} by which to give up; {@link #FOREVER} never
     *                 gives up; {@link #NO_WAIT} or a deadline in the past checks the mailbox once
     */
    final <T> T take(Matcher<T> matcher, long deadline) {
        T found = takeSaved(matcher);
        if (found != null) {
            return found;
        }
        for (;;) {
            var message = poll();
            if (message != null) {
                T answer;
                try {
                    answer = matcher.match(message);
                } catch (RuntimeException | Error e) {
                    save(message); // a failing matcher must not lose the message
                    throw e;
                }
                if (answer != null) {
                    TAKEN.setRelease(this, taken + 1);
                    return answer;
                }
                save(message);
            } else if (!awaitArrival(deadline)) {
                return null;
            }
        }
    }

    /** Removes and returns the oldest message, or null when none arrives before {@code deadline}. */
    final Object takeAny(long deadline) {
        if (savedHead != null) {
            var first = savedHead;
            savedHead = first.next;
            if (savedHead == null) {
                savedTail = null;
            }
            TAKEN.setRelease(this, taken + 1);
            return first.message;
        }
        for (;;) {
            var message = poll();
            if (message != null) {
                TAKEN.setRelease(this, taken + 1);
                return message;
            }
            if (!awaitArrival(deadline)) {
                return null;
            }
        }
    }

    /** The messages in the mailbox, oldest first, without removing them; owner only. */
    final java.util.List<Object> peek() {
        for (Object message; (message = poll()) != null; ) {
            save(message);
        }
        var messages = new java.util.ArrayList<Object>();
        for (var saved = savedHead; saved != null; saved = saved.next) {
            messages.add(saved.message);
        }
        return messages;
    }

    /**
     * Called by the owner while it waits, after every wake-up; throws to abandon the wait (the
     * process was killed). The default never throws.
     */
    void checkWhileWaiting() {
    }

    private <T> T takeSaved(Matcher<T> matcher) {
        Saved previous = null;
        for (var saved = savedHead; saved != null; previous = saved, saved = saved.next) {
            T answer = matcher.match(saved.message);
            if (answer != null) {
                if (previous == null) {
                    savedHead = saved.next;
                } else {
                    previous.next = saved.next;
                }
                if (savedTail == saved) {
                    savedTail = previous;
                }
                TAKEN.setRelease(this, taken + 1);
                return answer;
            }
        }
        return null;
    }

    private void save(Object message) {
        var saved = new Saved(message);
        if (savedTail == null) {
            savedHead = saved;
        } else {
            savedTail.next = saved;
        }
        savedTail = saved;
    }

    private Object poll() {
        for (;;) {
            var next = head.next;
            if (next == null) {
                if (tail == head) {
                    return null;
                }
                // A producer has swapped in its node but not linked it yet. Its send may already
                // look complete to others (a later sender's node hangs behind it), so answering
                // "empty" here would not be linearizable: wait the few instructions until the
                // link appears. Unless the mailbox is closed: its last sends never link.
                do {
                    if (tail == CLOSED) {
                        return null;
                    }
                    Thread.onSpinWait();
                } while ((next = head.next) == null);
            }
            var message = next.message;
            next.message = null; // the node becomes the new stub; let the message go
            if (head == this) {
                NEXT.set(this, null); // the first stub is the mailbox itself, which lives on: unlink it once
            }
            head = next;
            if (message != DROPPED) {
                return message;
            }
        }
    }

    /** Waits until a new message may be there; false when the deadline passed first. */
    private boolean awaitArrival(long deadline) {
        if (deadline == NO_WAIT) {
            return false;
        }
        var start = waitStart();
        if (start != WaitStart.PARK && (start == WaitStart.SPIN ? spinEnded(spinForArrival()) : spinOnceTaken())) {
            return true; // no waiter published: the sender skipped the unpark
        }
        var self = Thread.currentThread();
        var timer = deadline == FOREVER ? null : alarm();
        boolean alarmed = timer != null && timer.arm(deadline);
        waiter = self;
        try {
            while (head.next == null) {
                if (deadline == FOREVER) {
                    LockSupport.park(this);
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    if (alarmed) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, remaining);
                    }
                }
                checkWhileWaiting();
                if (head.next != null) {
                    break; // the usual wake-up: publish nothing more
                }
                if (waiter == null) {
                    waiter = self; // woken for nothing after a producer cleared us: visible again before parking
                }
            }
            return true;
        } finally {
            forgetWaiter();
            if (timer != null) {
                timer.disarm();
            }
        }
    }

    /**
     * Holds the carrier while the one task queued is not taken, for at most {@link Spin#TAKE_NANOS},
     * then, if it was taken, spins as {@link #spinForArrival} does; whether a message came.
     */
    private boolean spinOnceTaken() {
        long start = System.nanoTime();
        for (int pauses = 1; ; pauses++) {
            Thread.onSpinWait();
            if (head.next != null) {
                return takeEnded(true);
            }
            if ((pauses & (Spin.PAUSES_PER_LOOK - 1)) == 0) {
                if (Spin.nothingQueued()) {
                    return takeEnded(spinEnded(spinForArrival()));
                }
                if (Spin.takeSpent(start)) {
                    return takeEnded(false);
                }
            }
        }
    }

    /** Spins until a message is linked or {@link Spin#SPIN_NANOS} have passed; whether one came. */
    private boolean spinForArrival() {
        long start = System.nanoTime();
        for (int pauses = 1; ; pauses++) {
            Thread.onSpinWait();
            if (head.next != null) {
                return true;
            }
            if ((pauses & (Spin.PAUSES_PER_CLOCK - 1)) == 0 && Spin.spent(start)) {
                return false;
            }
        }
    }

    /**
     * Ends a wait: withdraws {@link #waiter} if no producer has cleared it, with an opaque store.
     * Every wake-up by a message clears the field already (the producer's CAS),
     * so the common case writes nothing; and a withdrawal needs no fence, since a producer that
     * still sees the stale waiter at worst unparks this thread once for nothing, leaving a permit
     * that its next park consumes and the wait loop tolerates. Two fenced stores per wake-up
     * (publishing again after the wake, then clearing) were a visible part of a ring hop.
     */
    private void forgetWaiter() {
        if (WAITER.getOpaque(this) != null) {
            WAITER.setOpaque(this, null);
        }
    }

    /**
     * The consumer has ended: lets go of its {@link Alarm}, which may stay filed until its last
     * deadline, so that it does not keep this mailbox's thread reachable. Consumer thread, last.
     */
    final void releaseAlarm() {
        var timer = alarm;
        if (timer != null) {
            timer.release();
        }
    }

    /**
     * The consumer has ended: closes the mailbox to later sends and drops the messages it did
     * not receive, so that a mailbox kept reachable after its owner's end (through its pid) does
     * not keep them. Consumer thread, last; a message whose send is still in flight may arrive
     * after this and stay.
     */
    final void dropMessages() {
        tail = CLOSED;
        if (head == this) {
            NEXT.set(this, null); // the mailbox is its own first stub: unlink what follows
        }
        head = CLOSED; // reads as empty: CLOSED has no next, and the tail is CLOSED
        savedHead = null;
        savedTail = null;
    }

    /**
     * What the owner, about to wait, does before it parks: {@link WaitStart#SPIN} when the scheduler has
     * nothing queued ({@link Spin#queuedForWaiter()}), asked at every wait as the JDK's
     * {@code LinkedTransferQueue} asks, except after {@link #FRUITLESS_SPINS} spins in a row that
     * saw nothing arrive: the owner then parks at once and spins again only after
     * {@link #WAITS_BETWEEN_TRIES} waits (and backs off again at once if that spin is fruitless
     * too). A fruitless spin wastes its whole length ({@link Spin#SPIN_NANOS}), which is what a
     * loaded machine, whose peers are often descheduled, produces.
     *
     * <p>A wait that finds the scheduler busy does not count: it costs only the question (about
     * 25 ns), and counting it (as this class did from 497e537 on) locked ping-pong and one
     * client's calls out of the both-spinning mode that gives the JDK's queue its speed. That mode
     * is entered when a process finds its carrier's queue empty at a wait, because the peer it has
     * just woken was still parking, or was taken by the other carrier; a peer that parks at once
     * because its own recent waits found work queued is not spinning when the answer comes, so
     * the mode was entered only when both happened to ask at the same moment.
     *
     * <p>{@link WaitStart#SPIN_ONCE_TAKEN} when exactly one task is queued: nearly always the peer this
     * owner has just woken by its send, which the unpark pushed on this carrier's queue while it
     * signalled the idle carrier. Parking at once hands this carrier to the peer, and the pair
     * trades one carrier by park and unpark (about twice a round trip's time when both spin, and
     * the idle carrier, signalled at each unpark, steals the woken one half the time, which costs
     * more). Holding the carrier for {@link Spin#TAKE_NANOS} lets the idle carrier take the peer,
     * after which both spin. The peer waits that long at most, and only when it is the one task
     * queued. A wait of this kind that did not end in a message makes the owner park at once at
     * the next 2, then 4, ... up to 1,024 waits that see one task queued before it tries again:
     * a ring's processes (whose message comes back from far away) and a loaded machine (whose
     * idle carrier is slow to wake) pay for a few tries, not for every wait. Owner only; after a
     * {@link WaitStart#SPIN}, call {@link #spinEnded}; after a {@link WaitStart#SPIN_ONCE_TAKEN},
     * {@link #takeEnded}. Otherwise {@link WaitStart#PARK}.
     */
    final WaitStart waitStart() {
        if (fruitlessSpins >= FRUITLESS_SPINS) {
            if (++fruitlessSpins < FRUITLESS_SPINS + WAITS_BETWEEN_TRIES) {
                return WaitStart.PARK;
            }
            fruitlessSpins = FRUITLESS_SPINS - 1; // try once more: one more fruitless spin, and back off again
        }
        var queued = Spin.queuedForWaiter();
        if (queued == Spin.Queued.NONE) {
            return WaitStart.SPIN;
        }
        if (queued == Spin.Queued.ONE) {
            if (takeSkips == 0) {
                return WaitStart.SPIN_ONCE_TAKEN;
            }
            takeSkips--;
        }
        return WaitStart.PARK;
    }

    /**
     * Records whether the spin that {@link #waitStart} allowed saw what it waited for, and
     * returns that; owner only.
     */
    final boolean spinEnded(boolean arrived) {
        fruitlessSpins = arrived ? 0 : (byte) (fruitlessSpins + 1);
        return arrived;
    }

    /**
     * Records whether a {@link WaitStart#SPIN_ONCE_TAKEN} wait saw what it waited for, and returns that:
     * if not, the owner skips twice as many such waits as after the last one that failed (at
     * most {@link #MAX_TAKE_LEVEL} doublings); owner only.
     */
    final boolean takeEnded(boolean arrived) {
        takeLevel = arrived ? 0 : (byte) Math.min(takeLevel + 1, MAX_TAKE_LEVEL);
        takeSkips = arrived ? 0 : (short) (1 << takeLevel);
        return arrived;
    }

    /** The consumer's {@link Alarm}, for timed waits; consumer thread only. */
    final Alarm alarm() {
        var timer = alarm;
        if (timer == null) {
            alarm = timer = new Alarm();
        }
        return timer;
    }
}

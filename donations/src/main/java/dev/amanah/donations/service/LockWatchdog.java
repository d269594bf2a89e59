package dev.amanah.donations.service;

import dev.amanah.donations.store.DatabaseConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the service's {@link ServiceLock} held: the lock lives as long as its PostgreSQL session,
 * and a session that ends while the service runs (PostgreSQL restarted, the backend terminated, a
 * network cut) takes the lock with it, silently, leaving the database free for a second service
 * whose recovery would settle or fail this one's donations in flight.
 *
 * <p>Every {@link #PERIOD} a thread of its own asks the lock's session whether it still answers.
 * When it does not, the watchdog is not {@linkplain #held() held} (WARNING
 * {@code event=service_lock_session_lost}) and takes the lock again on a new session (WARNING
 * {@code event=service_lock_retaken}), trying again every period while PostgreSQL cannot be asked
 * or still holds the lock for the ended session (it has not seen a cut connection drop yet: no one
 * else can take it meanwhile). Should another session hold it, the database is another service's
 * now: ERROR {@code event=service_lock_lost} naming the holder, {@code onLost} runs once on the
 * watchdog's thread, and the watchdog stops watching.
 *
 * <p>A check that fails in a way it does not expect (a {@link RuntimeException} from the driver, say,
 * where an {@link java.sql.SQLException} was the known failure) says nothing about the lock: the
 * watchdog logs ERROR {@code event=service_lock_check_failed} (once until a check passes again),
 * is not {@linkplain #held() held} until one does, and checks again the next period. It neither
 * stops the service, as a fault of its own check is no sign of another service, nor ends, which
 * would leave the lock unwatched while {@code /ready} still called it held. An {@link Error} ends
 * the watchdog (the JVM may be unfit to go on): ERROR {@code event=service_lock_watchdog_died},
 * and it is not held from then on, so {@code /ready} answers 503 until the service is restarted.
 *
 * <p>Trade-off accepted: between the session's end and the next check (at most a period and a
 * connect) another service may take the lock; it is then told, as {@code service_lock_lost}, not
 * prevented. Thread-safe.
 */
final class LockWatchdog implements AutoCloseable {
    /**
     * How often the lock's session is asked: a second service needs longer than this to open and
     * migrate its database before it asks for the lock, so a lost session is usually retaken first.
     */
    static final Duration PERIOD = Duration.ofSeconds(1);

    /** The watchdog thread's name, as a thread dump shows it. */
    static final String THREAD_NAME = "amanah-service-lock-watchdog";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.service");

    private final DatabaseConfig config;
    private final Runnable onLost;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile ServiceLock lock;
    private volatile boolean held = true;
    // Set by a check that failed unexpectedly, until one passes (for good if the watchdog died):
    // the lock may be held, but no one knows.
    private volatile boolean unsure;
    private String waitingFor; // said once per reason, not once a period
    private String failing; // likewise

    private LockWatchdog(ServiceLock lock, DatabaseConfig config, Runnable onLost) {
        this.lock = lock;
        this.config = config;
        this.onLost = onLost;
        // A platform thread, daemon: listed in a thread dump, and never what keeps a JVM from exiting.
        this.thread = Thread.ofPlatform().daemon().name(THREAD_NAME).unstarted(this::watch);
    }

    /**
     * Starts watching {@code lock}, which the watchdog now owns and closes with itself; on SQLite's
     * lock, which cannot be lost, starts no thread.
     *
     * @param onLost what to do once another session holds the lock, run on the watchdog's thread;
     *               must return at once without throwing (a close waits for that thread)
     */
    static LockWatchdog watch(ServiceLock lock, DatabaseConfig config, Runnable onLost) {
        var watchdog = new LockWatchdog(lock, config, onLost);
        if (lock.watchable()) {
            watchdog.thread.start();
        }
        return watchdog;
    }

    /**
     * Whether the lock was held at the last check: true until a check finds its session gone or
     * fails unexpectedly, and false for good once the watchdog died of an {@link Error}.
     */
    boolean held() {
        return held && !unsure;
    }

    private void watch() {
        try {
            while (!closing.await(PERIOD.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    if (checkOnce()) {
                        return;
                    }
                    unsure = false;
                    failing = null;
                } catch (RuntimeException e) {
                    checkFailed(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            unsure = true;
            LOG.log(System.Logger.Level.ERROR, "event=service_lock_watchdog_died error=" + e
                    + " (the one-service lock is watched no more: /ready answers 503; restart the service)", e);
        }
    }

    /** One check, and a retake if the session is gone; true when the lock is another's and the watchdog is done. */
    private boolean checkOnce() {
        if (lock.held(PERIOD)) {
            held = true; // also after a failure between a retake and its bookkeeping
            return false;
        }
        if (held) {
            held = false;
            LOG.log(System.Logger.Level.WARNING, "event=service_lock_session_lost backend=" + lock.backend()
                    + " (taking the one-service lock again on a new session)");
        }
        return retakeOrLose();
    }

    private void checkFailed(RuntimeException e) {
        unsure = true;
        var why = e.toString();
        if (!why.equals(failing)) {
            failing = why;
            LOG.log(System.Logger.Level.ERROR, "event=service_lock_check_failed error=" + why
                    + " (not known to be held until a check passes; checking again every " + PERIOD + ")", e);
        }
    }

    /** One try at taking the lock again; true when it is another's and the watchdog is done. */
    private boolean retakeOrLose() {
        switch (ServiceLock.retake(config, lock)) {
            case ServiceLock.Retake.Taken(var again) -> {
                var former = lock;
                lock = again;
                former.abandon();
                held = true;
                waitingFor = null;
                LOG.log(System.Logger.Level.WARNING, "event=service_lock_retaken backend=" + again.backend());
                return false;
            }
            case ServiceLock.Retake.HeldByFormerSession former -> {
                waiting("PostgreSQL still holds it for the ended session " + lock.backend()
                        + " (no other service can take it meanwhile)");
                return false;
            }
            case ServiceLock.Retake.NotAnswered(var why) -> {
                waiting(why);
                return false;
            }
            case ServiceLock.Retake.HeldByAnother(var pid, var application) -> {
                LOG.log(System.Logger.Level.ERROR, "event=service_lock_lost holder_backend=" + pid + " holder_application="
                        + application + " (another service now holds this database's one-service lock; its recovery"
                        + " may have taken this service's donations in flight: this service stops)");
                onLost.run();
                return true;
            }
        }
    }

    private void waiting(String why) {
        if (!Objects.equals(why, waitingFor)) {
            waitingFor = why;
            LOG.log(System.Logger.Level.WARNING, "event=service_lock_retake_waiting why=" + why + " (trying again every " + PERIOD + ")");
        }
    }

    /**
     * Stops watching, then lets go of the lock (see {@link ServiceLock#close}), or only closes its
     * session if the last check found it gone; never throws. Blocks until the watchdog's thread has
     * ended (a check or a retake under way: at most a period and the driver's connect timeout).
     */
    @Override
    public void close() {
        closing.countDown();
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (held) {
            lock.close();
        } else {
            lock.abandon();
        }
    }
}

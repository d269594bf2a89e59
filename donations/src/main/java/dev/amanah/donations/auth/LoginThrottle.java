package dev.amanah.donations.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one username, or
 * {@code 4 × maxFailures} from one address, within {@code window}, further attempts for it are
 * refused until the oldest failure leaves the window. A success clears the username's failures.
 * Counters are in memory (a restart forgets them) and bounded: at most 10,000 keys, the
 * least recently failed dropped first. Thread-safe (one lock; each call is short).
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Duration window;
    private final int maxFailures;
    private final Map<String, ArrayDeque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginThrottle(Clock clock, Duration window, int maxFailures) {
        this.clock = clock;
        this.window = window;
        this.maxFailures = maxFailures;
    }

    /** Whether a login for {@code username} from {@code address} may be tried now. */
    public synchronized boolean allowed(String username, String address) {
        return recent(user(username)) < maxFailures && recent(ip(address)) < 4 * maxFailures;
    }

    /** Counts a failed login. */
    public synchronized void failed(String username, String address) {
        var now = clock.millis();
        failures.computeIfAbsent(user(username), k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent(ip(address), k -> new ArrayDeque<>()).addLast(now);
    }

    /** Forgets the username's failures after a successful login. */
    public synchronized void succeeded(String username) {
        failures.remove(user(username));
    }

    private int recent(String key) {
        var times = failures.get(key);
        if (times == null) {
            return 0;
        }
        var horizon = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= horizon) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return times.size();
    }

    private static String user(String username) {
        return "user:" + (username == null ? "" : username);
    }

    private static String ip(String address) {
        return "ip:" + (address == null ? "" : address);
    }
}

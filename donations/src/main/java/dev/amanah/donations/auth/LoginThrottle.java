package dev.amanah.donations.auth;

import dev.amanah.donations.net.IpAddresses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one username, or
 * {@code 4 × maxFailures} from one address, within {@code window}, further attempts for it are
 * refused until the oldest failure leaves the window. A success clears the username's failures.
 * Counters are in memory (a restart forgets them). Thread-safe (one lock; each call is short).
 *
 * <h2>Which addresses count together</h2>
 * An IPv4 address counts on its own. An IPv6 address counts with its whole /64
 * ({@link IpAddresses#clientBlock}): one host can take as many addresses of its /64 as it likes,
 * so counting them one by one would give it unlimited guesses. An IPv4-mapped IPv6 address
 * ({@code ::ffff:192.0.2.1}) counts as its IPv4 address. Text that is not an IP address counts as
 * written. Behind a reverse proxy, give the client's address (see
 * {@link dev.amanah.donations.net.TrustedProxies}), not the proxy's: every client would share it.
 *
 * <h2>Bounded, and not reset by a flood</h2>
 * At most {@value #MAX_KEYS} usernames and addresses are kept, each with at most its limit of
 * failure times, so memory stays bounded whatever the names tried. An attacker with many addresses
 * can make up names faster than failures leave the window, so the table fills; what it then drops
 * decides whether the flood buys guesses. It never drops a key that is refusing (at its limit):
 * that would let its guessing start again at once. To make room it drops the key with the fewest
 * failures in the window, the least recently used of those: a made-up name, failed once, goes
 * before an account's name guessed four times, so taking four guesses back for one name costs a
 * table full of names failed four times (some 40,000 failed logins). When every kept key is refusing,
 * a key not in the table is refused too, until a failure leaves the window: the throttle fails
 * closed, it does not stop counting. Making room scans the table (10,000 entries under the lock),
 * small beside the bcrypt check of each login.
 */
public final class LoginThrottle {
    /** The most usernames and addresses kept. */
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Duration window;
    private final int maxFailures;
    // Access order: allowed() and failed() both touch a key, so the least recently used comes first.
    private final Map<String, ArrayDeque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(Clock clock, Duration window, int maxFailures) {
        this.clock = clock;
        this.window = window;
        this.maxFailures = maxFailures;
    }

    /**
     * Whether a login for {@code username} from {@code address} may be tried now: false while
     * either has its limit of failures in the window, or while the table is full of refusing keys
     * and either is not in it.
     */
    public synchronized boolean allowed(String username, String address) {
        return below(user(username)) && below(ip(address));
    }

    /** Counts a failed login (not counted for a key that finds the table full of refusing keys). */
    public synchronized void failed(String username, String address) {
        var now = clock.millis();
        count(user(username), now);
        count(ip(address), now);
    }

    /** Forgets the username's failures after a successful login. */
    public synchronized void succeeded(String username) {
        failures.remove(user(username));
    }

    /** How many usernames and addresses are kept now. */
    synchronized int keys() {
        return failures.size();
    }

    private boolean below(String key) {
        var times = failures.get(key);
        if (times == null) {
            return failures.size() < MAX_KEYS || hasRoom();
        }
        return recent(key, times) < limit(key);
    }

    private void count(String key, long now) {
        var times = failures.get(key);
        if (times == null) {
            if (failures.size() >= MAX_KEYS && !makeRoom()) {
                return; // every key is refusing: below() refuses this one until a failure expires
            }
            times = new ArrayDeque<>();
            failures.put(key, times);
        }
        times.addLast(now);
        // The newest `limit` times keep the key refused at least as long as all of them would.
        while (times.size() > limit(key)) {
            times.removeFirst();
        }
    }

    /** Whether some kept key is not refusing (so {@link #makeRoom} would succeed). */
    private boolean hasRoom() {
        var horizon = horizon();
        for (var entry : failures.entrySet()) {
            if (inWindow(entry.getValue(), horizon) < limit(entry.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Drops the non-refusing key with the fewest failures in the window (the eldest of those); false if every key refuses. */
    private boolean makeRoom() {
        var horizon = horizon();
        String victim = null;
        int fewest = Integer.MAX_VALUE;
        // Iterating an access-ordered map must not get() from it: values are read from the entries.
        for (var it = failures.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            int n = inWindow(entry.getValue(), horizon);
            if (n == 0) {
                it.remove(); // expired: drop it and use its place
                return true;
            }
            if (n < limit(entry.getKey()) && n < fewest) {
                victim = entry.getKey();
                fewest = n;
                if (n == 1) {
                    break; // none has fewer (an empty one was dropped above): the eldest with one will do
                }
            }
        }
        if (victim == null) {
            return false;
        }
        failures.remove(victim);
        return true;
    }

    private int recent(String key, ArrayDeque<Long> times) {
        int n = inWindow(times, horizon());
        if (n == 0) {
            failures.remove(key);
        }
        return n;
    }

    /** Drops the times at or before {@code horizon}; the number left. */
    private static int inWindow(ArrayDeque<Long> times, long horizon) {
        while (!times.isEmpty() && times.peekFirst() <= horizon) {
            times.removeFirst();
        }
        return times.size();
    }

    private long horizon() {
        return clock.millis() - window.toMillis();
    }

    private int limit(String key) {
        return key.startsWith("user:") ? maxFailures : 4 * maxFailures;
    }

    private static String user(String username) {
        return "user:" + (username == null ? "" : username);
    }

    /** The key of {@code address}'s block: {@code ip:192.0.2.1}, {@code ip:2001:db8:1:2::/64}. */
    static String ip(String address) {
        return "ip:" + (address == null ? "" : IpAddresses.clientBlock(address));
    }
}

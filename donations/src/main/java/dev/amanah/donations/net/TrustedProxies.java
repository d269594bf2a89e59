package dev.amanah.donations.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} header is believed ({@code http.trustedProxies}),
 * and the client address of a request in their light. Immutable, thread-safe.
 *
 * <h2>Which address is the client's</h2>
 * A request whose direct peer is not a trusted proxy comes from that peer: its
 * {@code X-Forwarded-For}, written by whoever sent it, is ignored. A request from a trusted proxy
 * comes from the right-most address of {@code X-Forwarded-For} (all its headers, in order, as one
 * comma-separated list) that is not itself a trusted proxy: each proxy appends the address it was
 * connected from, so the entries to the right of that one were written by proxies we trust and
 * everything to its left by the client, who may have written anything. If the entry at that place
 * is not an IP address (missing, {@code unknown}, an obfuscated name), or every entry is a trusted
 * proxy, the client is the nearest trusted proxy that vouched: its address, never a value a
 * client could choose. An entry may carry a port ({@code 192.0.2.1:4711},
 * {@code [2001:db8::1]:4711}), which is dropped.
 */
public final class TrustedProxies {
    /** Trusting nobody: every request comes from its direct peer (the default). */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<AddressRange> ranges;

    public TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The trusted addresses and blocks, as configured. */
    public List<AddressRange> ranges() {
        return ranges;
    }

    /** Whether {@code address} is a trusted proxy. */
    public boolean trusts(InetAddress address) {
        for (var range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client address of a request from {@code peer} carrying {@code forwardedFor} (the values
     * of its {@code X-Forwarded-For} headers in the order received; empty if it has none), as
     * described in the class comment.
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        var entries = new ArrayList<String>();
        for (var value : forwardedFor) {
            entries.addAll(List.of(value.split(",", -1)));
        }
        var client = peer;
        for (int i = entries.size() - 1; i >= 0; i--) {
            var address = entry(entries.get(i));
            if (address.isEmpty()) {
                return client;
            }
            client = address.get();
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** One entry of {@code X-Forwarded-For}: an address, with or without a port. */
    private static Optional<InetAddress> entry(String text) {
        var entry = text.strip();
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || !(close == entry.length() - 1 || entry.charAt(close + 1) == ':')) {
                return Optional.empty();
            }
            return IpAddresses.parse(entry.substring(1, close));
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && colon == entry.lastIndexOf(':') && entry.indexOf('.') > 0) {
            entry = entry.substring(0, colon); // IPv4 with a port
        }
        return IpAddresses.parse(entry);
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}

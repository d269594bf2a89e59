package dev.amanah.donations.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code Forwarded} headers are believed
 * ({@code http.trustedProxies}), and the client address of a request in their light. Immutable,
 * thread-safe.
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
 *
 * <h2>The standard {@code Forwarded} header</h2>
 * {@code Forwarded} (RFC 7239) is read by the same rule, its entries being the {@code for=} nodes
 * of its elements ({@code for=192.0.2.1}, {@code for="[2001:db8::1]:4711"}); an element without a
 * readable one ({@code unknown}, an obfuscated {@code _name}, malformed) is an entry that is not an
 * IP address. A proxy writes one header or the other, or both, and passes on the other as the
 * client sent it; so a request that carries both is believed only when the two name the same
 * client, and otherwise comes from the nearest trusted proxy (the client may have written either
 * header whole, and which one cannot be told).
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
     * of its {@code X-Forwarded-For} headers in the order received) and {@code forwarded} (those of
     * its {@code Forwarded} headers), each empty if the request has none, as described in the
     * class comment.
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFor, List<String> forwarded) {
        if (!trusts(peer)) {
            return peer;
        }
        if (forwarded.isEmpty()) {
            return rightMostUntrusted(peer, forwardedForEntries(forwardedFor));
        }
        var named = rightMostUntrusted(peer, ForwardedHeader.forNodes(forwarded));
        if (forwardedFor.isEmpty()) {
            return named;
        }
        return named.equals(rightMostUntrusted(peer, forwardedForEntries(forwardedFor))) ? named : peer;
    }

    private InetAddress rightMostUntrusted(InetAddress peer, List<Optional<InetAddress>> entries) {
        var client = peer;
        for (int i = entries.size() - 1; i >= 0; i--) {
            var address = entries.get(i);
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

    /** The entries of {@code X-Forwarded-For}: addresses, with or without a port, comma-separated. */
    private static List<Optional<InetAddress>> forwardedForEntries(List<String> values) {
        var entries = new ArrayList<Optional<InetAddress>>();
        for (var value : values) {
            for (var entry : value.split(",", -1)) {
                entries.add(IpAddresses.parseNode(entry.strip()));
            }
        }
        return entries;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}

package dev.amanah.donations.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, read without ever asking the DNS, and the block of addresses one client
 * can be assumed to hold. Stateless, thread-safe.
 */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /**
     * The address {@code text} writes: four decimal numbers from 0 to 255 without leading zeros
     * ({@code 192.0.2.1}), or an IPv6 literal without brackets or zone ({@code 2001:db8::1}); empty
     * for anything else (a host name is never looked up). An IPv4-mapped IPv6 literal
     * ({@code ::ffff:192.0.2.1}) is its IPv4 address.
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = IPV4.matcher(text);
        if (m.matches()) {
            var bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(byAddress(bytes));
        }
        // With a colon in it, InetAddress reads the text as an IPv6 literal or refuses it: no lookup.
        if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }

    /**
     * The address a proxy header's node writes, with or without a port: {@code 192.0.2.1},
     * {@code 192.0.2.1:4711}, {@code [2001:db8::1]}, {@code [2001:db8::1]:4711} (or an IPv6 literal
     * without brackets, as {@link #parse}); empty for anything else.
     */
    static Optional<InetAddress> parseNode(String node) {
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0 || !(close == node.length() - 1 || node.charAt(close + 1) == ':')) {
                return Optional.empty();
            }
            return parse(node.substring(1, close));
        }
        int colon = node.indexOf(':');
        if (colon > 0 && colon == node.lastIndexOf(':') && node.indexOf('.') > 0) {
            return parse(node.substring(0, colon)); // IPv4 with a port
        }
        return parse(node);
    }

    /**
     * The block of addresses one client is counted by: an IPv4 address is its own block; an IPv6
     * address counts by its /64, which one host can fill with addresses of its choosing (SLAAC,
     * privacy addresses; a /64 is the smallest block a site is given, RFC 6177), written
     * {@code 2001:db8:1:2::/64}. An IPv4-mapped IPv6 address counts as its IPv4 address.
     */
    public static String clientBlock(InetAddress address) {
        var bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        if (ipv4Mapped(bytes)) {
            return byAddress(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
        }
        return String.format("%x:%x:%x:%x::/64", group(bytes, 0), group(bytes, 2), group(bytes, 4), group(bytes, 6));
    }

    /**
     * The block of the address {@code address} writes, as {@link #clientBlock(InetAddress)}, so that
     * every counter by client (the login throttle, the fraud checks) keys a client alike. A zone
     * ({@code fe80::1%eth0}) is dropped: it names our interface, not the client. Text that is not an
     * IP literal (a peer the server names otherwise) is its own block, unchanged.
     */
    public static String clientBlock(String address) {
        int zone = address.indexOf('%');
        var literal = zone < 0 ? address : address.substring(0, zone);
        return parse(literal).map(IpAddresses::clientBlock).orElse(address);
    }

    /**
     * The /48 the IPv6 address {@code address} writes belongs to, {@code 2001:db8:1::/48}: a site's
     * usual allocation (RFC 6177), whose holder can move between its 65,536 /64s at will, so a
     * looser counter per /48 sees what the per-/64 ones ({@link #clientBlock(String)}) miss. Empty
     * for an IPv4 or IPv4-mapped address (its {@link #clientBlock(String)} is already one host) and
     * for text that is not an IP literal. A zone is dropped, as {@link #clientBlock(String)} drops it.
     */
    public static Optional<String> siteBlock(String address) {
        int zone = address.indexOf('%');
        var literal = zone < 0 ? address : address.substring(0, zone);
        return parse(literal).map(InetAddress::getAddress)
                .filter(bytes -> bytes.length == 16 && !ipv4Mapped(bytes))
                .map(bytes -> String.format("%x:%x:%x::/48", group(bytes, 0), group(bytes, 2), group(bytes, 4)));
    }

    /** {@code ::ffff:a.b.c.d} (InetAddress normally hands these out as IPv4, but a socket may not). */
    static boolean ipv4Mapped(byte[] bytes) {
        if (bytes.length != 16 || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code address} as IPv4 when it is an IPv4-mapped IPv6 address, else itself. */
    static InetAddress unmapped(InetAddress address) {
        var bytes = address.getAddress();
        return ipv4Mapped(bytes) ? byAddress(Arrays.copyOfRange(bytes, 12, 16)) : address;
    }

    private static int group(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("not 4 or 16 bytes: " + bytes.length, impossible); // lengths are fixed above
        }
    }
}

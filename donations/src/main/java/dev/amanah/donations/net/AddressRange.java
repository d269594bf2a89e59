package dev.amanah.donations.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A block of IP addresses: {@code network}'s first {@code prefixLength} bits. Immutable.
 *
 * @param network      an address of the block (bits past the prefix are ignored)
 * @param prefixLength 1 to 32 for IPv4, 1 to 128 for IPv6 (a single address: 32 or 128)
 */
public record AddressRange(InetAddress network, int prefixLength) {
    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 1 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length of " + network.getHostAddress() + " must be 1 to " + bits
                    + ", got " + prefixLength);
        }
    }

    /**
     * The range {@code text} writes: an address ({@code 10.0.0.5}, {@code fd00::5}) or a block
     * ({@code 10.0.0.0/8}, {@code fd00::/8}). A host name is not accepted (and never looked up).
     *
     * @throws IllegalArgumentException naming what is wrong; {@code /0} is refused: a range of
     *                                  every address would trust every client
     */
    public static AddressRange parse(String text) {
        var written = text.strip();
        int slash = written.indexOf('/');
        var addressText = slash < 0 ? written : written.substring(0, slash);
        var address = IpAddresses.parse(addressText).orElseThrow(() -> new IllegalArgumentException(
                "'" + written + "' is not an IP address or a range such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)"));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new AddressRange(address, bits);
        }
        var prefixText = written.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + written + "' has no prefix length after the '/' (1 to " + bits + ")");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix == 0) {
            throw new IllegalArgumentException("'" + written + "' is every address: trusting it would let any client choose its own address");
        }
        if (prefix > bits) {
            throw new IllegalArgumentException("'" + written + "' has a prefix length above " + bits);
        }
        return new AddressRange(address, prefix);
    }

    /** Whether {@code address} is in the block (an IPv4-mapped IPv6 address as its IPv4 address). */
    public boolean contains(InetAddress address) {
        var candidate = IpAddresses.unmapped(address).getAddress();
        var mine = network.getAddress();
        if (candidate.length != mine.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != mine[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[whole] & mask) == (mine[whole] & mask);
    }

    /** As written in the configuration: {@code 10.0.0.0/8}, or the address alone for a single one. */
    @Override
    public String toString() {
        int bits = network.getAddress().length * 8;
        return network.getHostAddress() + (prefixLength == bits ? "" : "/" + prefixLength);
    }
}

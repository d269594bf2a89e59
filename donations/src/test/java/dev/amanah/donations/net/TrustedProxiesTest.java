package dev.amanah.donations.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which address a request is counted by: its direct peer's, or behind a trusted proxy the
 * right-most {@code X-Forwarded-For} address that is not itself a trusted proxy.
 */
class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = proxies("10.0.0.5", "10.1.0.0/16", "fd00::/8");

    @Test
    void aPeerThatIsNotATrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertThat(client(PROXIES, "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(client(TrustedProxies.NONE, "10.0.0.5", "198.51.100.1")).isEqualTo("10.0.0.5");
        assertThat(client(PROXIES, "10.0.0.6", "198.51.100.1")).isEqualTo("10.0.0.6"); // next to a proxy is not a proxy
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        // The client wrote "1.2.3.4" itself; the proxy appended the address it was connected from.
        assertThat(client(PROXIES, "10.0.0.5", "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
        // Two proxies deep (an edge proxy in 10.1/16 in front of 10.0.0.5).
        assertThat(client(PROXIES, "10.0.0.5", "1.2.3.4, 203.0.113.9, 10.1.7.7")).isEqualTo("203.0.113.9");
        assertThat(client(PROXIES, "fd00::1", "2001:db8::7, fd12::1")).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void severalForwardedForHeadersAreOneListInTheirOrder() {
        assertThat(client(PROXIES, "10.0.0.5", "1.2.3.4", "203.0.113.9, 10.1.0.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void portsAndBracketsOfAnEntryAreDropped() {
        assertThat(client(PROXIES, "10.0.0.5", "203.0.113.9:4711")).isEqualTo("203.0.113.9");
        assertThat(client(PROXIES, "10.0.0.5", "[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(client(PROXIES, "10.0.0.5", "[2001:db8::7]")).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void withoutAReadableAddressTheNearestTrustedProxyIsTheClient() {
        assertThat(client(PROXIES, "10.0.0.5")).isEqualTo("10.0.0.5"); // no header
        assertThat(client(PROXIES, "10.0.0.5", "")).isEqualTo("10.0.0.5");
        assertThat(client(PROXIES, "10.0.0.5", "203.0.113.9, unknown")).isEqualTo("10.0.0.5");
        assertThat(client(PROXIES, "10.0.0.5", "203.0.113.9, unknown, 10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(client(PROXIES, "10.0.0.5", "localhost")).isEqualTo("10.0.0.5"); // never looked up
        assertThat(client(PROXIES, "10.0.0.5", "203.0.113.9,")).isEqualTo("10.0.0.5"); // an empty last entry
    }

    @Test
    void whenEveryEntryIsATrustedProxyTheLeftMostIsTheClient() {
        assertThat(client(PROXIES, "10.0.0.5", "10.1.0.1, 10.1.0.2")).isEqualTo("10.1.0.1");
    }

    @Test
    void anIpv4MappedPeerIsTrustedAsItsIpv4Address() throws Exception {
        var mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5});
        assertThat(PROXIES.trusts(mapped)).isTrue();
        assertThat(PROXIES.client(mapped, List.of("203.0.113.9"), List.of()).getHostAddress()).isEqualTo("203.0.113.9");
    }

    @Test
    void rangesContainTheirAddressesOnly() {
        assertThat(AddressRange.parse("10.1.0.0/16").contains(address("10.1.255.255"))).isTrue();
        assertThat(AddressRange.parse("10.1.0.0/16").contains(address("10.2.0.0"))).isFalse();
        assertThat(AddressRange.parse("192.0.2.128/25").contains(address("192.0.2.200"))).isTrue();
        assertThat(AddressRange.parse("192.0.2.128/25").contains(address("192.0.2.127"))).isFalse();
        assertThat(AddressRange.parse("10.0.0.5").contains(address("10.0.0.5"))).isTrue();
        assertThat(AddressRange.parse("10.0.0.5").contains(address("10.0.0.4"))).isFalse();
        assertThat(AddressRange.parse("fd00::/8").contains(address("fdff::1"))).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains(address("fe00::1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/1").contains(address("::1"))).isFalse(); // IPv6 is never in an IPv4 range
        assertThat(AddressRange.parse("fd00::/8")).hasToString("fd00:0:0:0:0:0:0:0/8");
    }

    @Test
    void ipLiteralsAreReadStrictlyAndNeverLookedUp() {
        assertThat(IpAddresses.parse("192.0.2.1")).isPresent();
        assertThat(IpAddresses.parse("::ffff:192.0.2.1")).hasValue(address("192.0.2.1"));
        for (var notALiteral : new String[] {"256.0.0.1", "1.2.3", "01.2.3.4", "localhost", "example.com", "1:2:3:4:5:6:7:8:9",
                "fe80::1%eth0", "", " 1.2.3.4"}) {
            assertThat(IpAddresses.parse(notALiteral)).as(notALiteral).isEmpty();
        }
    }

    @Test
    void aClientBlockIsAnIpv4AddressOrAnIpv6Slash64() {
        assertThat(IpAddresses.clientBlock(address("192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThat(IpAddresses.clientBlock(address("2001:db8:a:b:c:d:e:f"))).isEqualTo("2001:db8:a:b::/64");
        assertThat(IpAddresses.clientBlock(address("::1"))).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void aWrittenAddressHasTheBlockOfItsAddressAndAnythingElseIsItsOwnBlock() {
        assertThat(IpAddresses.clientBlock("2001:DB8:A:B::1")).isEqualTo("2001:db8:a:b::/64");
        assertThat(IpAddresses.clientBlock("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(IpAddresses.clientBlock("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(IpAddresses.clientBlock("some-peer")).isEqualTo("some-peer");
    }

    private static TrustedProxies proxies(String... ranges) {
        return new TrustedProxies(Arrays.stream(ranges).map(AddressRange::parse).toList());
    }

    private static String client(TrustedProxies proxies, String peer, String... forwardedFor) {
        return proxies.client(address(peer), List.of(forwardedFor), List.of()).getHostAddress();
    }

    private static InetAddress address(String literal) {
        return IpAddresses.parse(literal).orElseThrow(() -> new AssertionError("not an address: " + literal));
    }
}

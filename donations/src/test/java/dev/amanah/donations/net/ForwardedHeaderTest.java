package dev.amanah.donations.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standard {@code Forwarded} header (RFC 7239) from a trusted proxy: its {@code for=} nodes are
 * read by the same right-most-untrusted rule as {@code X-Forwarded-For}, and nothing a client
 * writes in it, well-formed or not, chooses the address it is counted by.
 */
class ForwardedHeaderTest {
    private static final TrustedProxies PROXIES = new TrustedProxies(
            Arrays.stream(new String[] {"10.0.0.5", "10.1.0.0/16", "fd00::/8"}).map(AddressRange::parse).toList());

    @Test
    void behindATrustedProxyTheClientIsTheRightMostForNodeThatIsNotATrustedProxy() {
        assertThat(forwarded("10.0.0.5", "for=1.2.3.4, for=203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(forwarded("10.0.0.5", "for=1.2.3.4, for=203.0.113.9;proto=https, For=10.1.7.7;by=10.0.0.5"))
                .isEqualTo("203.0.113.9");
        assertThat(forwarded("10.0.0.5", "proto=https;for=203.0.113.9;host=example.org")).isEqualTo("203.0.113.9");
        assertThat(forwarded("fd00::1", "for=\"[2001:db8::7]:4711\"")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(forwarded("10.0.0.5", "for=\"[2001:db8::7]\"")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(forwarded("10.0.0.5", "for=\"203.0.113.9:4711\"")).isEqualTo("203.0.113.9");
        assertThat(forwarded("10.0.0.5", "for = 203.0.113.9 ")).isEqualTo("203.0.113.9"); // whitespace around a pair
    }

    @Test
    void severalForwardedHeadersAreOneListInTheirOrder() {
        assertThat(forwarded("10.0.0.5", "for=1.2.3.4", "for=203.0.113.9, for=10.1.0.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsTheClientWhateverItsForwardedHeaderSays() {
        assertThat(forwarded("203.0.113.9", "for=198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(new TrustedProxies(List.of()).client(address("10.0.0.5"), List.of(), List.of("for=198.51.100.1"))
                .getHostAddress()).isEqualTo("10.0.0.5");
    }

    @Test
    void anUnknownOrObfuscatedNodeIsTheNearestTrustedProxy() {
        assertThat(forwarded("10.0.0.5", "for=203.0.113.9, for=unknown")).isEqualTo("10.0.0.5");
        assertThat(forwarded("10.0.0.5", "for=203.0.113.9, for=\"_hidden\"")).isEqualTo("10.0.0.5");
        assertThat(forwarded("10.0.0.5", "for=203.0.113.9, for=_hidden, for=10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(forwarded("10.0.0.5", "for=localhost")).isEqualTo("10.0.0.5"); // never looked up
    }

    @Test
    void aMalformedElementIsTheNearestTrustedProxyAndNeverTheClientsChoice() {
        for (var malformed : new String[] {
                "for=\"203.0.113.9",                     // an unterminated quote swallows the rest of its header
                "for=\"1.2.3.4, for=203.0.113.9",        // a client's open quote before the proxy's element
                "for=203.0.113.9;for=1.2.3.4",           // two for= in one element
                "proto=https",                           // no for=
                "for=",
                "for=\"[2001:db8::1\"",
                "for=\"203.0.113.9\"junk",
                "for=1.2.3.4 5.6.7.8",
                "=203.0.113.9",
                "for=203.0.113.9,",                      // an empty last element
                "for=\"\\",
                ";;,,",
                ""}) {
            assertThat(forwarded("10.0.0.5", malformed)).as(malformed).isEqualTo("10.0.0.5");
        }
    }

    @Test
    void aMalformedHeaderOfTheClientDoesNotHideTheProxysElementInItsOwnHeader() {
        assertThat(forwarded("10.0.0.5", "for=\"1.2.3.4", "for=203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(forwarded("10.0.0.5", "for=1.2.3.4;for=5.6.7.8, for=203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void quotedValuesMayEscapeAndHoldCommasAndSemicolons() {
        assertThat(forwarded("10.0.0.5", "for=1.2.3.4;ext=\"a, b; c \\\" d\", for=\"203.0.113.\\9\"")).isEqualTo("203.0.113.9");
    }

    @Test
    void bothHeadersNamingOneClientAgree() {
        assertThat(both("10.0.0.5", "198.51.100.7, 203.0.113.9", "for=198.51.100.7, for=\"203.0.113.9:1234\""))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void whenTheTwoHeadersNameDifferentClientsTheNearestTrustedProxyIsTheClient() {
        // The proxy writes one of them; the client may have written the other, whole. Which is
        // which cannot be told, so neither is believed.
        assertThat(both("10.0.0.5", "203.0.113.9", "for=1.2.3.4")).isEqualTo("10.0.0.5");
        assertThat(both("10.0.0.5", "1.2.3.4", "for=203.0.113.9")).isEqualTo("10.0.0.5");
        assertThat(both("10.0.0.5", "203.0.113.9", "for=unknown")).isEqualTo("10.0.0.5");
    }

    private static String forwarded(String peer, String... forwarded) {
        return PROXIES.client(address(peer), List.of(), List.of(forwarded)).getHostAddress();
    }

    private static String both(String peer, String forwardedFor, String forwarded) {
        return PROXIES.client(address(peer), List.of(forwardedFor), List.of(forwarded)).getHostAddress();
    }

    private static InetAddress address(String literal) {
        return IpAddresses.parse(literal).orElseThrow(() -> new AssertionError("not an address: " + literal));
    }
}

package dev.amanah.donations.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The /48 an IPv6 client's site holds, beside the /64 it is counted by. */
class IpAddressesTest {

    @Test
    void anIpv6AddressBelongsToItsSlash48HoweverItIsWritten() {
        assertThat(IpAddresses.siteBlock("2001:db8:a:b:c:d:e:f")).hasValue("2001:db8:a::/48");
        assertThat(IpAddresses.siteBlock("2001:DB8:A:FFFF::1")).hasValue("2001:db8:a::/48");
        assertThat(IpAddresses.siteBlock("2001:0db8:000a:0001:0:0:0:1")).hasValue("2001:db8:a::/48");
        assertThat(IpAddresses.siteBlock("fe80::1%eth0")).hasValue("fe80:0:0::/48");
    }

    @Test
    void ipv4Ipv4MappedAndTextThatIsNoAddressHaveNoSlash48() {
        assertThat(IpAddresses.siteBlock("192.0.2.1")).isEmpty();
        assertThat(IpAddresses.siteBlock("::ffff:192.0.2.1")).isEmpty();
        assertThat(IpAddresses.siteBlock("0:0:0:0:0:ffff:c000:201")).isEmpty();
        assertThat(IpAddresses.siteBlock("some-peer")).isEmpty();
    }

    @Test
    void theSlash64ThatClientsAreCountedByIsUnchanged() {
        assertThat(IpAddresses.clientBlock("2001:db8:a:b:c:d:e:f")).isEqualTo("2001:db8:a:b::/64");
        assertThat(IpAddresses.clientBlock("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    }
}

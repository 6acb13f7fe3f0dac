package io.tollgate.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedIpsTest {

    @Test
    void matchesAddressesAndCidrBlocksOfBothFamilies() {
        TrustedIps trusted = TrustedIps.parse(
                List.of("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "2001:db8::/32", "::1", "100.64.0.0/10"));

        assertThat(trusted.contains("10.255.3.4")).isTrue();
        assertThat(trusted.contains("11.0.0.1")).isFalse();
        assertThat(trusted.contains("192.168.1.7")).isTrue();
        assertThat(trusted.contains("192.168.1.8")).isFalse();
        assertThat(trusted.contains("172.31.255.255")).isTrue();
        assertThat(trusted.contains("172.32.0.0")).isFalse();
        assertThat(trusted.contains("100.127.0.1")).as("/10 splits a byte").isTrue();
        assertThat(trusted.contains("100.128.0.1")).isFalse();
        assertThat(trusted.contains("2001:db8:1::5")).isTrue();
        assertThat(trusted.contains("2001:db9::5")).isFalse();
        assertThat(trusted.contains("[::1]")).isTrue();
        assertThat(trusted.contains("::ffff:10.1.2.3"))
                .as("IPv4-mapped IPv6 matches IPv4 blocks")
                .isTrue();
        assertThat(trusted.contains(new byte[] {10, 1, 2, 3})).isTrue();
    }

    @Test
    void everythingAndNothing() {
        TrustedIps all = TrustedIps.parse(List.of("0.0.0.0/0", "::/0"));
        assertThat(all.contains("203.0.113.9")).isTrue();
        assertThat(all.contains("fe80::1")).isTrue();
        assertThat(all.contains("example.com"))
                .as("host names are never trusted nor resolved")
                .isFalse();

        assertThat(TrustedIps.parse(List.of(" ", "")).isEmpty()).isTrue();
        assertThat(TrustedIps.NONE.contains("127.0.0.1")).isFalse();
        TrustedIps unix = TrustedIps.parse(List.of("unix:"));
        assertThat(unix.trustsUnixSockets()).isTrue();
        assertThat(unix.contains("127.0.0.1")).isFalse();
    }

    @Test
    void refusesWhatIsNoAddressNorBlock() {
        for (String bad : List.of(
                "10.0.0.0/33",
                "::/129",
                "10.0.0",
                "256.1.1.1",
                "host.example",
                "10.0.0.1/x",
                "1.2.3.4.5",
                "fe80::1%eth0")) {
            assertThatThrownBy(() -> TrustedIps.parse(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }
}

package io.tollgate.domain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kong's ip-restriction matching ({@code spec/03-plugins/17-ip-restriction}): addresses and CIDR blocks. */
class IpNetworkTest {

    @Test
    void single_addresses_and_blocks_of_both_families() {
        IpNetworks v4 = IpNetworks.of(List.of("127.0.0.1", "127.0.0.2"));
        assertThat(v4.contains("127.0.0.1")).isTrue();
        assertThat(v4.contains("127.0.0.3")).isFalse();

        IpNetworks block = IpNetworks.of(List.of("127.0.0.0/24"));
        assertThat(block.contains("127.0.0.255")).isTrue();
        assertThat(block.contains("127.0.1.0")).isFalse();

        assertThat(IpNetworks.of(List.of("0.0.0.0/0")).contains("203.0.113.9")).isTrue();
        assertThat(IpNetworks.of(List.of("127.0.0.1/8")).contains("127.200.0.1"))
                .as("host bits ignored")
                .isTrue();
        assertThat(IpNetworks.of(List.of("10.0.0.0/12")).contains("10.15.255.255"))
                .isTrue();
        assertThat(IpNetworks.of(List.of("10.0.0.0/12")).contains("10.16.0.0")).isFalse();

        assertThat(IpNetworks.of(List.of("::1", "::2")).contains("::1")).isTrue();
        assertThat(IpNetworks.of(List.of("::2")).contains("::1")).isFalse();
        assertThat(IpNetworks.of(List.of("fe80::/8")).contains("fe80::1")).isTrue();
        assertThat(IpNetworks.of(List.of("fe80::/8")).contains("fe80:0:0:0:0:0:0:1"))
                .isTrue();
        assertThat(IpNetworks.of(List.of("::/0")).contains("2001:db8::7")).isTrue();
        assertThat(IpNetworks.of(List.of("::1/128")).contains("::1")).isTrue();
    }

    @Test
    void families_never_mix_and_garbage_matches_nothing() {
        assertThat(IpNetworks.of(List.of("::/0")).contains("127.0.0.1")).isFalse();
        assertThat(IpNetworks.of(List.of("0.0.0.0/0")).contains("::1")).isFalse();
        assertThat(IpNetworks.of(List.of("0.0.0.0/0")).contains("::ffff:127.0.0.1"))
                .isFalse();
        assertThat(IpNetworks.of(List.of("0.0.0.0/0")).contains("localhost")).isFalse();
        assertThat(IpNetworks.of(List.of("0.0.0.0/0")).contains((String) null)).isFalse();
        assertThat(IpNetworks.of(List.of()).contains("127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello",
                "0.0.0.0/a",
                "0.0.0.0/-1",
                "0.0.0.0/33",
                "::/a",
                "::/-1",
                "::/129",
                "::1/a",
                "::1/129",
                "256.0.0.1",
                "1.2.3",
                "1.2.3.4/",
                "::g",
                "[::1]",
                "example.com"
            })
    void refuses_what_kong_refuses(String entry) {
        assertThat(IpNetwork.parse(entry)).isEmpty();
        assertThatThrownBy(() -> IpNetworks.of(List.of(entry))).hasMessage("invalid ip or cidr range: '" + entry + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::/0", "::/1", "::/128", "127.0.0.1/8", "0.0.0.0/0", "10.1.2.3/32", "::ffff:10.0.0.1"})
    void accepts_what_kong_accepts(String entry) {
        assertThat(IpNetwork.parse(entry)).isPresent();
    }

    @Test
    void equal_blocks_are_equal() {
        assertThat(IpNetwork.parse("127.0.0.1/8")).isEqualTo(IpNetwork.parse("127.0.0.0/8"));
        assertThat(IpNetwork.parse("10.0.0.0/8").orElseThrow().toString()).isEqualTo("10.0.0.0/8");
        assertThat(IpNetwork.parse("::1").orElseThrow().prefixLength()).isEqualTo(128);
    }
}

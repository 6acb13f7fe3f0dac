package io.tollgate.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostAddressTest {

    @Test
    void reads_names_ipv4_and_ipv6_with_and_without_ports() {
        assertThat(HostAddress.parse("example.com"))
                .contains(new HostAddress(HostAddress.Type.NAME, "example.com", null));
        assertThat(HostAddress.parse("my_upstream:81"))
                .contains(new HostAddress(HostAddress.Type.NAME, "my_upstream", 81));
        assertThat(HostAddress.parse("10.0.0.1:443")).contains(new HostAddress(HostAddress.Type.IPV4, "10.0.0.1", 443));
        assertThat(HostAddress.parse("::1")).contains(new HostAddress(HostAddress.Type.IPV6, "::1", null));
        assertThat(HostAddress.parse("[2001:db8::1]:8080"))
                .contains(new HostAddress(HostAddress.Type.IPV6, "2001:db8::1", 8080));
        assertThat(HostAddress.parse("::ffff:10.0.0.1")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-bad.com",
                "bad-.com",
                "a..b",
                "a b",
                "host:99999",
                "host:",
                "300.1.1.1",
                "1.2.3",
                "[::1",
                "[::1]x",
                "1:2:3",
                "1::2::3",
                "g::1",
                "example.com:80:80",
                "under/score"
            })
    void rejects_what_is_neither_a_name_nor_an_ip(String text) {
        assertThat(HostAddress.parse(text)).isEmpty();
    }

    @Test
    void formats_with_a_default_port_and_brackets_for_ipv6() {
        assertThat(HostAddress.parse("example.com").orElseThrow().format(8000)).isEqualTo("example.com:8000");
        assertThat(HostAddress.parse("example.com:81").orElseThrow().format(8000))
                .isEqualTo("example.com:81");
        assertThat(HostAddress.parse("::1").orElseThrow().format(8000)).isEqualTo("[::1]:8000");
        assertThat(HostAddress.parse("[::1]:9").orElseThrow().format(8000)).isEqualTo("[::1]:9");
    }

    @Test
    void brackets_an_ipv6_host_once_and_leaves_names_and_ipv4_alone() {
        assertThat(HostAddress.bracketed("::1")).isEqualTo("[::1]");
        assertThat(HostAddress.bracketed("[::1]")).isEqualTo("[::1]");
        assertThat(HostAddress.bracketed("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(HostAddress.bracketed("example.com")).isEqualTo("example.com");
    }

    @Test
    void an_authority_names_the_port_unless_it_is_the_default() {
        assertThat(HostAddress.authority("example.com", 80, 80)).isEqualTo("example.com");
        assertThat(HostAddress.authority("example.com", 8080, 80)).isEqualTo("example.com:8080");
        assertThat(HostAddress.authority("::1", 443, 443)).isEqualTo("[::1]");
        assertThat(HostAddress.authority("::1", 8443, 443)).isEqualTo("[::1]:8443");
    }

    @Test
    void a_scheme_default_port_is_kongs_host_header_rule() {
        assertThat(HostAddress.defaultPort("https")).isEqualTo(443);
        assertThat(HostAddress.defaultPort("grpcs")).isEqualTo(443);
        assertThat(HostAddress.defaultPort("http")).isEqualTo(80);
        assertThat(HostAddress.defaultPort("grpc")).isEqualTo(80);
    }
}

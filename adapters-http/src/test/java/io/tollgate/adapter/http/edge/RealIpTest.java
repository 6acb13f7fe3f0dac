package io.tollgate.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealIpTest {

    private static final TrustedIps PROXIES = TrustedIps.parse(List.of("10.0.0.0/8", "127.0.0.1"));

    @Test
    void proxyProtocolTakesTheHeadersSourceFromATrustedPeerOnly() {
        RealIp realIp = new RealIp(PROXIES, "proxy_protocol", true);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        ProxyProtocolPeer proxied = new ProxyProtocolPeer(
                peer,
                new ProxyProtocolHeader.Proxied(
                        new InetSocketAddress("192.168.0.1", 56324), new InetSocketAddress("127.0.0.1", 8000)));

        assertThat(realIp.fromProxyProtocol()).isTrue();
        assertThat(proxied).isEqualTo(peer);
        assertThat(realIp.resolve("127.0.0.1", true, proxied)).isEqualTo("192.168.0.1");
        assertThat(realIp.resolve("127.0.0.1", false, proxied)).isEqualTo("127.0.0.1");
        assertThat(realIp.resolve("127.0.0.1", true, peer))
                .as("no PROXY header")
                .isEqualTo("127.0.0.1");
        assertThat(realIp.resolve("127.0.0.1", true, new ProxyProtocolPeer(peer, new ProxyProtocolHeader.Unknown())))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        RealIp realIp = new RealIp(PROXIES, "X-Forwarded-For", true);

        assertThat(realIp.trusts(new byte[] {(byte) 203, 0, 113, 5})).isFalse();
        assertThat(realIp.resolve("203.0.113.5", false, List.of("1.1.1.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void forwardedForWithoutRecursionTakesTheRightmostAddress() {
        RealIp realIp = new RealIp(PROXIES, "X-Forwarded-For", false);

        assertThat(realIp.resolve("127.0.0.1", true, List.of("1.1.1.1, 10.0.0.2")))
                .isEqualTo("10.0.0.2");
        assertThat(realIp.resolve("127.0.0.1", true, List.of("1.1.1.1", "2.2.2.2")))
                .isEqualTo("2.2.2.2");
    }

    @Test
    void recursionWalksLeftPastTrustedProxies() {
        RealIp realIp = new RealIp(PROXIES, "x-forwarded-for", true);

        assertThat(realIp.resolve("127.0.0.1", true, List.of("9.9.9.9, 1.1.1.1, 10.0.0.2, 10.0.0.3")))
                .isEqualTo("1.1.1.1");
        assertThat(realIp.resolve("127.0.0.1", true, List.of("1.1.1.1, 10.0.0.9", "10.0.0.2")))
                .as("several headers form one list")
                .isEqualTo("1.1.1.1");
        assertThat(realIp.resolve("127.0.0.1", true, List.of("10.0.0.5, 10.0.0.2")))
                .as("all trusted: leftmost")
                .isEqualTo("10.0.0.5");
        assertThat(realIp.resolve("127.0.0.1", true, List.of("garbage, 10.0.0.2")))
                .as("stops at garbage")
                .isEqualTo("10.0.0.2");
        assertThat(realIp.resolve("127.0.0.1", true, List.of("not-an-ip"))).isEqualTo("127.0.0.1");
        assertThat(realIp.resolve("127.0.0.1", true, List.of("1.1.1.1:5000, [2001:db8::1]:80")))
                .as("ports dropped")
                .isEqualTo("2001:db8::1");
    }

    @Test
    void otherHeadersCarryOneAddress() {
        RealIp realIp = new RealIp(PROXIES, "X-Real-IP", true);

        assertThat(realIp.resolve("10.1.1.1", true, List.of("198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(realIp.resolve("10.1.1.1", true, List.of("1.1.1.1, 2.2.2.2")))
                .isEqualTo("10.1.1.1");
        assertThat(realIp.resolve("10.1.1.1", true, List.of())).isEqualTo("10.1.1.1");
    }
}

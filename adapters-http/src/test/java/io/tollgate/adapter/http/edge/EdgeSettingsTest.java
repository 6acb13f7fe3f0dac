package io.tollgate.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

    @Test
    void headersTokensExpandAndAreCaseInsensitive() {
        KongHeaders defaults = KongHeaders.DEFAULTS;
        assertThat(defaults.server()).isTrue();
        assertThat(defaults.via()).isTrue();
        assertThat(defaults.proxyLatency()).isTrue();
        assertThat(defaults.upstreamLatency()).isTrue();
        assertThat(defaults.responseLatency()).isTrue();
        assertThat(defaults.requestId()).isTrue();
        assertThat(defaults.upstreamStatus()).as("opt-in").isFalse();

        KongHeaders some = KongHeaders.parse(List.of("Via", "X-Kong-Upstream-Status", " x-kong-proxy-latency "));
        assertThat(some.via()).isTrue();
        assertThat(some.server()).isFalse();
        assertThat(some.upstreamStatus()).isTrue();
        assertThat(some.proxyLatency()).isTrue();
        assertThat(some.upstreamLatency()).isFalse();
        assertThat(some.requestId()).isFalse();

        KongHeaders off = KongHeaders.parse(List.of("off"));
        assertThat(off.server() || off.via() || off.proxyLatency() || off.requestId() || off.responseLatency())
                .isFalse();
    }

    @Test
    void badHeadersTokensAreRefused() {
        assertThatThrownBy(() -> KongHeaders.parse(List.of("server_tokens", "X-Unknown")))
                .hasMessageContaining("X-Unknown");
        // as Kong's: off among other tokens is ignored
        KongHeaders offAmongOthers = KongHeaders.parse(List.of("off", "via"));
        assertThat(offAmongOthers.via()).isTrue();
        assertThat(offAmongOthers.server()).isFalse();
        assertThat(offAmongOthers.configured()).containsExactly("off", "via");
        assertThat(KongHeaders.parseUpstream(List.of("X-Kong-Request-Id"))).isTrue();
        assertThat(KongHeaders.parseUpstream(List.of("off"))).isFalse();
        assertThatThrownBy(() -> KongHeaders.parseUpstream(List.of("Via"))).hasMessageContaining("Via");
    }

    @Test
    void scalarsAreChecked() {
        assertThat(EdgeSettings.errorType(" Application/JSON ")).isEqualTo("application/json");
        assertThatThrownBy(() -> EdgeSettings.errorType("text/csv")).hasMessageContaining("text/plain");
        assertThat(EdgeSettings.realIpHeader(" Proxy_Protocol ")).isEqualTo("proxy_protocol");
        assertThatThrownBy(() -> EdgeSettings.realIpHeader("bad header")).hasMessageContaining("not a header name");
        assertThat(EdgeSettings.headerBuffers("4 8k")).containsExactly(4, 8192);
        assertThat(EdgeSettings.headerBuffers("2  1024")).containsExactly(2, 1024);
        assertThatThrownBy(() -> EdgeSettings.headerBuffers("8k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EdgeSettings.headerBuffers("0 8k")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EdgeSettings.size("0")).isZero();
        assertThat(EdgeSettings.size("10m")).isEqualTo(10L << 20);
        assertThatThrownBy(() -> EdgeSettings.size("ten")).isInstanceOf(NumberFormatException.class);
        assertThat(EdgeSettings.DEFAULTS.maxHeaderBytes()).isEqualTo(32 * 1024);
    }
}

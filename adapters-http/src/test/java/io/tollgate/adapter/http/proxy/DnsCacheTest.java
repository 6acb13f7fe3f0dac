package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DnsCacheTest {

    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private volatile long ttl = 60;

    private DnsCache cache(Executor executor) {
        return new DnsCache(
                name -> {
                    lookups.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    if (name.startsWith("missing")) {
                        return new DnsCache.Answer(List.of(), 0);
                    }
                    if (name.startsWith("broken")) {
                        throw new IllegalStateException("SERVFAIL");
                    }
                    return new DnsCache.Answer(
                            List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2")), ttl);
                },
                executor);
    }

    @Test
    void literals_and_localhost_bypass_dns() throws Exception {
        DnsCache dns = cache(Runnable::run);
        assertThat(dns.cached("127.0.0.1").address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(dns.cached("::1").address()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(dns.cached("[::1]").address()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(dns.cached("localhost").address().isLoopbackAddress()).isTrue();
        assertThat(lookups).isEmpty();
    }

    @Test
    void an_unknown_name_is_resolved_once_then_served_from_memory_in_turn() throws Exception {
        DnsCache dns = cache(Runnable::run);
        assertThat(dns.cached("api.example").address()).isNull();
        assertThat(dns.resolve("API.example").get()).isNotNull();
        InetAddress first = dns.cached("api.example").address();
        InetAddress second = dns.cached("api.example").address();
        assertThat(List.of(first, second))
                .containsExactlyInAnyOrder(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"));
        assertThat(lookups.get("api.example").get()).isEqualTo(1);
    }

    @Test
    void no_such_name_is_cached_as_not_found() throws Exception {
        DnsCache dns = cache(Runnable::run);
        assertThat(dns.resolve("missing.example").get()).isNull();
        assertThat(dns.cached("missing.example").notFound()).isTrue();
        assertThat(lookups.get("missing.example").get()).isEqualTo(1);
    }

    @Test
    void an_entry_past_its_refresh_point_is_served_while_it_refreshes_in_the_background() throws Exception {
        ttl = 1; // refresh after 0.8 s
        DnsCache dns = cache(Runnable::run);
        dns.resolve("short.example").get();
        Thread.sleep(900);
        assertThat(dns.cached("short.example").address()).isNotNull(); // served, refresh triggered
        assertThat(lookups.get("short.example").get()).isEqualTo(2);
    }

    @Test
    void a_resolver_error_fails_the_name_for_a_second_only() throws Exception {
        DnsCache dns = cache(Runnable::run);
        assertThat(dns.resolve("broken.example").get()).isNull();
        assertThat(dns.cached("broken.example").notFound()).isTrue();
        Thread.sleep(1_100);
        DnsCache.Cached later = dns.cached("broken.example");
        assertThat(later.notFound()).isFalse(); // expired: looked up again
        assertThat(later.address()).isNull();
    }
}

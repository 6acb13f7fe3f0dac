package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DnsCacheTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

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
        assertThat(dns.cached("127.0.0.1").address())
                .as("a literal is parsed once")
                .isSameAs(dns.cached("127.0.0.1").address());
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
        long start = System.nanoTime();
        dns.resolve("short.example").get();
        long loaded = System.nanoTime(); // at or after the entry's load
        List<Read> reads = new CopyOnWriteArrayList<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            Read read = read(dns, "short.example", loaded); // the refresh runs on the reading thread here
            reads.add(read);
            return lookups.get("short.example").get() == 2;
        });
        assertThat(reads)
                .as("served on every read, the refreshing one too")
                .allMatch(r -> r.cached().address() != null);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("refreshed at 80% of the TTL, not before")
                .isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(reads.subList(0, reads.size() - 1))
                .as("every read that did not refresh came before 80% of the TTL")
                .allMatch(r -> r.sinceLoad().compareTo(Duration.ofMillis(800)) < 0);
    }

    @Test
    void a_resolver_error_fails_the_name_for_a_second_only() throws Exception {
        // the first lookup runs; the background refresh that a read past the refresh point starts never comes back,
        // so the error entry is what expires
        AtomicBoolean first = new AtomicBoolean(true);
        DnsCache dns = cache(task -> {
            if (first.getAndSet(false)) {
                task.run();
            }
        });
        long start = System.nanoTime();
        assertThat(dns.resolve("broken.example").get()).isNull();
        long loaded = System.nanoTime(); // at or after the error entry's load
        assertThat(dns.cached("broken.example").notFound()).isTrue();
        List<Read> reads = new CopyOnWriteArrayList<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            Read read = read(dns, "broken.example", loaded);
            reads.add(read);
            return !read.cached().notFound(); // expired: to be looked up again
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("failed for a second")
                .isGreaterThanOrEqualTo(ONE_SECOND);
        assertThat(reads.subList(0, reads.size() - 1))
                .as("failed for a second only: every read that still failed it came within that second")
                .allMatch(r -> r.sinceLoad().compareTo(ONE_SECOND) < 0);
        assertThat(reads.get(reads.size() - 1).cached().address()).isNull();
    }

    /**
     * One read of the cache, and a lower bound of how long after the entry's load it ran: the clock is read before
     * the cache reads its own, and {@code loaded} was taken after the load.
     */
    private record Read(DnsCache.Cached cached, Duration sinceLoad) {}

    private static Read read(DnsCache dns, String name, long loaded) {
        long before = System.nanoTime();
        return new Read(dns.cached(name), Duration.ofNanos(before - loaded));
    }
}

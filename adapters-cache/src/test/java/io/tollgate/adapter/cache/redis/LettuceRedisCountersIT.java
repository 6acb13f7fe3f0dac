package io.tollgate.adapter.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LettuceRedisCounters} against real {@code redis-server} processes on loopback. */
class LettuceRedisCountersIT {

    static final long NOW = System.currentTimeMillis();

    @TempDir
    static Path dir;

    static RedisServerProcess open;
    static RedisServerProcess guarded;
    static LettuceRedisCounters counters;

    @BeforeAll
    static void start() throws Exception {
        open = RedisServerProcess.start(dir.resolve("open"));
        guarded = RedisServerProcess.start(dir.resolve("guarded"), "s3cret");
        counters = new LettuceRedisCounters();
    }

    @AfterAll
    static void stop() throws Exception {
        if (counters != null) {
            counters.close();
        }
        if (open != null) {
            open.close();
        }
        if (guarded != null) {
            guarded.close();
        }
    }

    static RedisConfig config(RedisServerProcess server, String password, int database) {
        return new RedisConfig("127.0.0.1", server.port(), 2000, null, password, database, false, false, null);
    }

    /** A minute and an hour window of a fresh identifier, the minute ending 30 s from now. */
    static CounterKey[] windows(String identifier) {
        UUID route = UUID.randomUUID();
        return new CounterKey[] {
            new CounterKey(route, null, identifier, "minute", NOW - 30_000, NOW + 30_000),
            new CounterKey(route, null, identifier, "hour", NOW - 60_000, NOW + 3_000_000)
        };
    }

    static long[] acquire(RedisConfig config, CounterKey[] keys, double... limits) throws Exception {
        return counters.acquire(config, keys, limits).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void many_threads_together_get_exactly_the_limit_and_the_counters_expire_at_their_window_end() throws Exception {
        RedisConfig config = config(open, null, 0);
        CounterKey[] keys = windows("10.0.0.1");
        AtomicInteger admitted = new AtomicInteger();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                clients.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 25; i++) {
                                long[] before = counters.acquire(config, keys, new double[] {150, 1000})
                                        .toCompletableFuture()
                                        .join();
                                if (before[0] < 150) {
                                    admitted.incrementAndGet();
                                }
                            }
                        },
                        threads));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(admitted.get()).as("400 requests against 150").isEqualTo(150);
        assertThat(open.get(0, keys[0].kongKey())).isEqualTo("150");
        assertThat(open.get(0, keys[1].kongKey()))
                .as("a refused request counts in no window")
                .isEqualTo("150");
        assertThat(open.pttl(0, keys[0].kongKey())).isBetween(20_000L, 30_000L);
        assertThat(open.pttl(0, keys[1].kongKey())).isBetween(2_990_000L, 3_000_000L);
        assertThat(keys[0].kongKey())
                .isEqualTo("ratelimit:" + keys[0].route() + ":00000000-0000-0000-0000-000000000000:10.0.0.1:"
                        + (NOW - 30_000) + ":minute");
    }

    @Test
    void a_request_over_any_window_counts_in_none() throws Exception {
        RedisConfig config = config(open, null, 0);
        CounterKey[] keys = windows("10.0.0.2");
        assertThat(acquire(config, keys, 2, 3)).containsExactly(0, 0);
        assertThat(acquire(config, keys, 2, 3)).containsExactly(1, 1);
        assertThat(acquire(config, keys, 2, 3)).containsExactly(2, 2);
        assertThat(acquire(config, keys, 2, 3)).containsExactly(2, 2);
        assertThat(open.get(0, keys[1].kongKey())).isEqualTo("2");
    }

    @Test
    void the_password_and_the_database_are_honoured() throws Exception {
        CounterKey[] keys = windows("10.0.0.3");
        assertThat(acquire(config(guarded, "s3cret", 3), keys, 5, 5)).containsExactly(0, 0);
        assertThat(guarded.get(3, keys[0].kongKey())).isEqualTo("1");
        assertThat(guarded.get(0, keys[0].kongKey())).isNull();

        assertThatThrownBy(() -> acquire(config(guarded, "wrong", 0), keys, 5, 5))
                .isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> acquire(config(guarded, null, 0), keys, 5, 5)).isInstanceOf(ExecutionException.class);
        assertThat(guarded.get(3, keys[0].kongKey())).isEqualTo("1");

        assertThat(guarded.command("ACL", "SETUSER", "alice", "on", ">pw2", "~*", "+@all"))
                .isEqualTo("+OK");
        RedisConfig alice = new RedisConfig("127.0.0.1", guarded.port(), 2000, "alice", "pw2", 3, false, false, null);
        assertThat(acquire(alice, keys, 5, 5)).containsExactly(1, 1);
        RedisConfig wrongUser = new RedisConfig("127.0.0.1", guarded.port(), 2000, "bob", "pw2", 3, false, false, null);
        assertThatThrownBy(() -> acquire(wrongUser, keys, 5, 5)).isInstanceOf(ExecutionException.class);
        assertThat(guarded.get(3, keys[0].kongKey())).isEqualTo("2");
    }

    @Test
    void batched_counters_add_read_and_expire() throws Exception {
        RedisConfig config = config(open, null, 2);
        RateLimitCounters batch = counters.batched(config);
        CounterKey[] keys = windows("10.0.0.4");
        assertThat(batch.addAndRead(Map.of(keys[0], 3L), Set.of(keys[1]))).isEqualTo(Map.of(keys[0], 3L, keys[1], 0L));
        assertThat(batch.addAndRead(Map.of(keys[0], 2L, keys[1], 1L), Set.of()))
                .isEqualTo(Map.of(keys[0], 5L, keys[1], 1L));
        assertThat(open.get(2, keys[0].kongKey())).isEqualTo("5");
        assertThat(open.pttl(2, keys[0].kongKey())).isBetween(1L, 30_000L);
    }

    @Test
    void a_server_down_fails_fast_and_is_used_again_once_back() throws Exception {
        RedisServerProcess server = RedisServerProcess.start(dir.resolve("outage"));
        try {
            // a command sent while the client has not yet noticed the loss waits for its timeout; later ones fail at
            // once
            RedisConfig config = new RedisConfig("127.0.0.1", server.port(), 1000, null, null, 0, false, false, null);
            CounterKey[] keys = windows("10.0.0.5");
            assertThat(acquire(config, keys, 10, 10)).containsExactly(0, 0);
            server.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> acquire(config, keys, 10, 10)).isInstanceOf(ExecutionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
            start = System.nanoTime();
            assertThatThrownBy(() -> acquire(config, keys, 10, 10)).isInstanceOf(ExecutionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
            assertThatThrownBy(() -> counters.batched(config).addAndRead(Map.of(keys[0], 1L), Set.of()))
                    .isInstanceOf(IllegalStateException.class);
            server.restart();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> acquire(config, keys, 10, 10).length == 2);
            assertThat(server.get(0, keys[0].kongKey())).isEqualTo("1");
        } finally {
            server.close();
        }
    }

    @Test
    void a_server_answering_later_than_the_timeout_is_an_outage() throws Exception {
        RedisServerProcess server = RedisServerProcess.start(dir.resolve("slow"));
        try {
            RedisConfig config = new RedisConfig("127.0.0.1", server.port(), 300, null, null, 0, false, false, null);
            CounterKey[] keys = windows("10.0.0.7");
            assertThat(acquire(config, keys, 10, 10)).containsExactly(0, 0);
            assertThat(server.command("CLIENT", "PAUSE", "3000", "ALL")).isEqualTo("+OK");
            long start = System.nanoTime();
            assertThatThrownBy(() -> acquire(config, keys, 10, 10))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(io.lettuce.core.RedisCommandTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> acquire(config, keys, 10, 10).length == 2);
        } finally {
            server.close();
        }
    }

    @Test
    void ssl_ssl_verify_and_server_name_are_honoured() throws Exception {
        TlsFiles files = TlsFiles.selfSigned(dir.resolve("tls"), "redis.test");
        String[] properties = {
            "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"
        };
        String[] before = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            before[i] = System.getProperty(properties[i]);
        }
        System.setProperty(properties[0], files.trustStore().toString());
        System.setProperty(properties[1], "changeit");
        System.setProperty(properties[2], "PKCS12");
        try (RedisServerProcess server =
                RedisServerProcess.startWithTls(dir.resolve("tls"), files.cert(), files.key())) {
            int port = server.tlsPort();
            CounterKey[] keys = windows("10.0.0.8");
            RedisConfig unverified = new RedisConfig("127.0.0.1", port, 1000, null, null, 0, true, false, null);
            assertThat(acquire(unverified, keys, 10, 10)).containsExactly(0, 0);
            RedisConfig named = new RedisConfig("127.0.0.1", port, 1000, null, null, 0, true, true, "redis.test");
            assertThat(acquire(named, keys, 10, 10)).containsExactly(1, 1);
            assertThat(server.get(0, keys[0].kongKey())).isEqualTo("2");

            RedisConfig wrongName = new RedisConfig("127.0.0.1", port, 1000, null, null, 0, true, true, "other.test");
            assertThatThrownBy(() -> acquire(wrongName, keys, 10, 10)).isInstanceOf(ExecutionException.class);
            RedisConfig byAddress = new RedisConfig("127.0.0.1", port, 1000, null, null, 0, true, true, null);
            assertThatThrownBy(() -> acquire(byAddress, keys, 10, 10)).isInstanceOf(ExecutionException.class);
            RedisConfig plain = new RedisConfig("127.0.0.1", port, 500, null, null, 0, false, false, null);
            assertThatThrownBy(() -> acquire(plain, keys, 10, 10)).isInstanceOf(ExecutionException.class);
            assertThat(server.get(0, keys[0].kongKey())).isEqualTo("2");
        } finally {
            for (int i = 0; i < properties.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(properties[i]);
                } else {
                    System.setProperty(properties[i], before[i]);
                }
            }
        }
    }

    @Test
    void a_link_unused_for_long_is_closed_when_a_new_config_comes_and_opened_again_at_its_next_use() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(NOW);
        try (LettuceRedisCounters own = new LettuceRedisCounters(clock::get, Runnable::run, 60_000)) {
            CounterKey[] keys = windows("10.0.0.9");
            RedisConfig first = config(open, null, 5);
            assertThat(own.acquire(first, keys, new double[] {10, 10})
                            .toCompletableFuture()
                            .get(5, TimeUnit.SECONDS))
                    .containsExactly(0, 0);
            clock.addAndGet(30_000);
            RedisConfig second = config(open, null, 6);
            own.acquire(second, keys, new double[] {10, 10})
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(own.links()).as("the first was used 30 s ago").isEqualTo(2);
            clock.addAndGet(60_001);
            RedisConfig third = config(open, null, 7);
            own.acquire(third, keys, new double[] {10, 10})
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(own.links()).as("the first two idle for over a minute").isEqualTo(1);
            assertThat(own.batched(first).addAndRead(Map.of(), Set.of(keys[0]))).isEqualTo(Map.of(keys[0], 1L));
            assertThat(own.acquire(first, keys, new double[] {10, 10})
                            .toCompletableFuture()
                            .get(5, TimeUnit.SECONDS))
                    .containsExactly(1, 1);
        }
    }

    @Test
    void an_unreachable_server_fails_within_the_timeout() throws Exception {
        // a port nobody listens on: refused at once; the next try only after the retry delay, failing fast meanwhile
        RedisConfig config = new RedisConfig("127.0.0.1", 1, 500, null, null, 0, false, false, null);
        assertThatThrownBy(() -> acquire(config, windows("10.0.0.6"), 1, 1)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> acquire(config, windows("10.0.0.6"), 1, 1)).isInstanceOf(ExecutionException.class);
    }
}

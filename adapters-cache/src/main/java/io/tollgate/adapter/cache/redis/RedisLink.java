package io.tollgate.adapter.cache.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.tollgate.application.plugin.spi.RedisConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * The one connection to the server of a {@link RedisConfig}: opened asynchronously at the first use, then kept and
 * re-established by Lettuce after an outage (commands sent while it is down fail at once instead of queuing). A
 * failed first connection is retried by the next use after {@link #RETRY_AFTER_MS} ms; uses meanwhile fail at once.
 * Every connect and command is bounded by the config's {@code timeout}.
 */
final class RedisLink {

    /** How long after a failed connection attempt the next one may start, in milliseconds. */
    static final long RETRY_AFTER_MS = 500;

    private final RedisConfig config;
    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<@Nullable CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private volatile long retryAt;
    private volatile long lastUsed;

    /**
     * @param config the server and how to reach it
     * @param resources the client threads shared by every link
     * @param now epoch ms: the link counts as used now
     */
    RedisLink(RedisConfig config, ClientResources resources, long now) {
        this.config = config;
        this.lastUsed = now;
        Duration timeout = Duration.ofMillis(Math.max(1, config.timeoutMillis()));
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(config.host())
                .withPort(config.port())
                .withDatabase(config.database())
                .withTimeout(timeout)
                .withSsl(config.ssl())
                .withVerifyPeer(config.sslVerify() ? SslVerifyMode.FULL : SslVerifyMode.NONE);
        String password = config.password();
        if (password != null && config.username() != null) {
            builder.withAuthentication(config.username(), password);
        } else if (password != null) {
            builder.withPassword(password.toCharArray());
        }
        this.uri = builder.build();
        this.client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build());
        String serverName = config.serverName();
        if (config.ssl() && serverName != null) {
            options.sslOptions(SslOptions.builder()
                    .sslParameters(() -> {
                        SSLParameters parameters = new SSLParameters();
                        parameters.setServerNames(List.of(new SNIHostName(serverName)));
                        return parameters;
                    })
                    .build());
        }
        client.setOptions(options.build());
    }

    /** Marks the link used at {@code now} (epoch ms). */
    void used(long now) {
        if (lastUsed != now) { // one write per millisecond at most
            lastUsed = now;
        }
    }

    /** When the link was last used, epoch ms. */
    long lastUsed() {
        return lastUsed;
    }

    /** The config this link serves. */
    RedisConfig config() {
        return config;
    }

    /**
     * The connection's commands: at once when connected (or down: they then fail at once), after the connection
     * attempt otherwise; a failed stage while the server refuses the first connection.
     */
    CompletableFuture<RedisAsyncCommands<String, String>> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        boolean failed = current != null && current.isCompletedExceptionally();
        if (current == null || (failed && System.nanoTime() - retryAt >= 0)) {
            CompletableFuture<StatefulRedisConnection<String, String>> next = new CompletableFuture<>();
            if (connection.compareAndSet(current, next)) {
                client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, error) -> {
                    if (error != null) {
                        retryAt = System.nanoTime() + RETRY_AFTER_MS * 1_000_000;
                        next.completeExceptionally(error);
                    } else {
                        next.complete(opened);
                    }
                });
            }
            current = connection.get();
        }
        return current.thenApply(StatefulRedisConnection::async);
    }

    /** Closes the connection and the client. */
    void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::closeAsync);
        }
        client.shutdownAsync();
    }
}

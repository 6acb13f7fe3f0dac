package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The server's lifecycle: separate listeners, {@code off} listeners, and a graceful stop that lets requests finish. */
class HttpServerIT {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void stop_lets_in_flight_requests_finish_then_refuses_connections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        HttpHandler holdsTheFirstRequest = new BlockingHandler(exchange -> {
            if (first.getAndSet(false)) {
                entered.countDown();
                mayFinish.await();
            }
            exchange.getResponseSender().send("done");
        });
        HttpServer server = HttpServerFixture.server(
                HttpSettingsFixture.plain(List.of(LOOPBACK), List.of()),
                holdsTheFirstRequest,
                exchange -> exchange.setStatusCode(500),
                new UndertowStatistics());
        try {
            server.start();
            assertThat(server.adminAddresses()).isEmpty();
            URI uri = URI.create(
                    "http://127.0.0.1:" + server.proxyAddresses().get(0).getPort() + "/");

            CompletableFuture<HttpResponse<String>> inFlight =
                    client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            Duration grace = DEADLINE.multipliedBy(2);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(grace));
            // stopping: new requests are answered 503 while the one in flight runs on
            await().atMost(DEADLINE)
                    .until(() -> client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString())
                                    .statusCode()
                            == 503);
            assertThat(stopping).as("stop waits for the request in flight").isNotDone();
            assertThat(inFlight).isNotDone();

            mayFinish.countDown();
            assertThat(stopping)
                    .as("stop returns once nothing is in flight, long before the grace period")
                    .succeedsWithin(DEADLINE);
            assertThat(inFlight).succeedsWithin(DEADLINE).satisfies(response -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("done");
            });
            assertThatThrownBy(() -> HttpClient.newHttpClient()
                            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            server.stop(Duration.ZERO); // idempotent
        } finally {
            mayFinish.countDown();
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void stop_gives_up_after_the_grace_period() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch testOver = new CountDownLatch(1);
        HttpHandler stuck = new BlockingHandler(exchange -> {
            entered.countDown();
            testOver.await(); // a request that does not finish on its own (interrupted by the stop at the latest)
        });
        HttpServer server = HttpServerFixture.server(
                HttpSettingsFixture.plain(List.of(), List.of(LOOPBACK)),
                exchange -> {},
                stuck,
                new UndertowStatistics());
        try {
            server.start();
            assertThat(server.proxyAddresses()).isEmpty();
            URI uri = URI.create(
                    "http://127.0.0.1:" + server.adminAddresses().get(0).getPort() + "/");
            client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();

            long started = System.nanoTime();
            server.stop(Duration.ofMillis(200));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        } finally {
            testOver.countDown();
            server.stop(Duration.ZERO);
        }
    }
}

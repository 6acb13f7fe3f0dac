package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's lifecycle: separate listeners, {@code off} listeners, and a graceful stop that lets requests finish. */
class HttpServerIT {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void stop_lets_in_flight_requests_finish_then_refuses_connections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        HttpHandler blockingSlow = new BlockingHandler(exchange -> {
            entered.countDown();
            Thread.sleep(400);
            exchange.getResponseSender().send("done");
        });
        HttpServer server = new HttpServer(
                HttpSettingsFixture.plain(List.of(LOOPBACK), List.of()),
                blockingSlow,
                exchange -> exchange.setStatusCode(500),
                new UndertowStatistics());
        server.start();
        assertThat(server.adminAddresses()).isEmpty();
        URI uri =
                URI.create("http://127.0.0.1:" + server.proxyAddresses().get(0).getPort() + "/");

        CompletableFuture<HttpResponse<String>> inFlight =
                client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        server.stop(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        server.stop(Duration.ZERO); // idempotent
    }

    @Test
    void stop_gives_up_after_the_grace_period() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        HttpHandler stuck = new BlockingHandler(exchange -> {
            entered.countDown();
            Thread.sleep(3000);
        });
        HttpServer server = new HttpServer(
                HttpSettingsFixture.plain(List.of(), List.of(LOOPBACK)),
                exchange -> {},
                stuck,
                new UndertowStatistics());
        server.start();
        assertThat(server.proxyAddresses()).isEmpty();
        URI uri =
                URI.create("http://127.0.0.1:" + server.adminAddresses().get(0).getPort() + "/");
        client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        server.stop(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }
}

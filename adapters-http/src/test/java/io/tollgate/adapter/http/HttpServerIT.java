package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    /**
     * Kong's {@code kong quit} (nginx's graceful stop): the listener closes at once, so new connections are refused,
     * while the request in flight runs on; a new request on a connection already open is served and the connection
     * closed after it (no 503 for a balancer to pass on), and a keep-alive connection left idle is closed when the
     * stop ends.
     */
    @Test
    void stop_refuses_new_connections_at_once_and_serves_the_open_ones_until_nothing_is_in_flight() throws Exception {
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
        try (Socket open = new Socket();
                Socket idle = new Socket()) {
            server.start();
            assertThat(server.adminAddresses()).isEmpty();
            InetSocketAddress address = server.proxyAddresses().get(0);
            URI uri = URI.create("http://127.0.0.1:" + address.getPort() + "/");

            CompletableFuture<HttpResponse<String>> inFlight =
                    client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            open.connect(address);
            open.setSoTimeout((int) DEADLINE.toMillis());
            assertThat(exchange(open))
                    .as("a keep-alive connection, idle when the stop begins")
                    .startsWith("HTTP/1.1 200");
            idle.connect(address);
            idle.setSoTimeout((int) DEADLINE.toMillis());
            assertThat(exchange(idle)).startsWith("HTTP/1.1 200");

            Duration grace = DEADLINE.multipliedBy(2);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(grace));
            await().atMost(DEADLINE).until(() -> refused(address));
            assertThat(exchange(open))
                    .as("a new request on a connection opened before the stop: served, then the connection closed")
                    .startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("connection: close")
                    .endsWith("done");
            assertThat(open.getInputStream().read()).isEqualTo(-1);
            assertThat(stopping).as("stop waits for the request in flight").isNotDone();
            assertThat(inFlight).isNotDone();

            mayFinish.countDown();
            assertThat(stopping)
                    .as("stop returns once nothing is in flight, long before the grace period")
                    .succeedsWithin(DEADLINE);
            assertThat(idle.getInputStream().read())
                    .as("a keep-alive connection left idle is closed by the stop")
                    .isEqualTo(-1);
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

    /**
     * An HTTP/2 connection cannot be closed after one response as an HTTP/1.1 one can (Undertow's GOAWAY closes it
     * at once), so a stream begun on it after the stop is answered 503 while the stream in flight on the same
     * connection finishes.
     */
    @Test
    void stop_answers_a_new_http2_stream_503_and_lets_the_one_in_flight_finish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        HttpHandler holding = new BlockingHandler(exchange -> {
            if (exchange.getRequestPath().equals("/hold")) {
                entered.countDown();
                mayFinish.await();
            }
            exchange.getResponseSender().send("done");
        });
        HttpServer server = HttpServerFixture.server(
                HttpSettingsFixture.listeners(List.of(new Listener(LOOPBACK, false, true)), List.of(), List.of(), null),
                holding,
                exchange -> exchange.setStatusCode(500),
                new UndertowStatistics());
        HttpClient h2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        try {
            server.start();
            InetSocketAddress address = server.proxyAddresses().get(0);
            String base = "http://127.0.0.1:" + address.getPort();
            HttpResponse<String> upgraded = h2.send(
                    HttpRequest.newBuilder(URI.create(base + "/warm")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
            CompletableFuture<HttpResponse<String>> inFlight = h2.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/hold")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(DEADLINE.multipliedBy(2)));
            await().atMost(DEADLINE).until(() -> refused(address));
            HttpResponse<String> late = h2.send(
                    HttpRequest.newBuilder(URI.create(base + "/late")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(late.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(late.statusCode()).isEqualTo(503);
            assertThat(stopping).isNotDone();

            mayFinish.countDown();
            assertThat(stopping).succeedsWithin(DEADLINE);
            assertThat(inFlight).succeedsWithin(DEADLINE).satisfies(response -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("done");
            });
        } finally {
            mayFinish.countDown();
            server.stop(Duration.ZERO);
        }
    }

    /** Sends {@code GET /} on {@code socket}; the response head. */
    private static String exchange(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return TlsListenerIT.readResponse(socket.getInputStream());
    }

    /** Whether a TCP connection to {@code address} is refused now. */
    private static boolean refused(InetSocketAddress address) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(address, 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
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

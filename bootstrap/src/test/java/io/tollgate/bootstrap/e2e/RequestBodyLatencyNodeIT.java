package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body the proxy writes to its keep-alive upstream connection in more than one write (here 20 KB: the
 * request head and the first 16 KiB buffer in one write, the rest in a second) does not wait for the upstream's
 * delayed acknowledgement of the first write, which is what Nagle's algorithm on the upstream socket made it do (up
 * to 40 ms per request on Linux; measured 26 ms median, 44 ms p90 before upstream connections got
 * {@code TCP_NODELAY}, as nginx sets it). Compared with bodies that go in one write, in the same run, so a busy
 * machine slows both alike.
 */
class RequestBodyLatencyNodeIT {

    private static final int ROUNDS = 15;

    @TempDir
    Path dir;

    @Test
    void a_body_written_in_two_parts_costs_no_delayed_acknowledgement() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1); // an answer in one small write: no delay of the upstream's own
            exchange.close();
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        upstream.setExecutor(threads);
        upstream.start();
        try (NodeProcess node = NodeProcess.start("nodelay", dir, Map.of());
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            String url = "http://127.0.0.1:" + upstream.getAddress().getPort();
            assertThat(post(node.admin() + "/services", "{\"name\":\"u\",\"url\":\"" + url + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(node.admin() + "/services/u/routes", "{\"paths\":[\"/u\"]}")
                            .status())
                    .isEqualTo(201);
            Http.await(node.proxy() + "/u", Http.status(204), Duration.ofSeconds(20));

            URI uri = URI.create(node.proxy() + "/u");
            byte[] small = new byte[200];
            byte[] twoWrites = new byte[20_000];
            for (int i = 0; i < 5; i++) { // warm-up: the JIT, the pooled upstream connections
                postMillis(client, uri, small);
                postMillis(client, uri, twoWrites);
            }
            List<Double> oneWrite = new ArrayList<>();
            List<Double> twoWriteTimes = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                oneWrite.add(postMillis(client, uri, small));
                twoWriteTimes.add(postMillis(client, uri, twoWrites));
            }
            double baseline = median(oneWrite);
            System.out.printf(
                    "RequestBodyLatencyNodeIT: median %.1f ms for 20 KB bodies, %.1f ms for 200 B bodies%n",
                    median(twoWriteTimes), baseline);
            assertThat(median(twoWriteTimes))
                    .as("median ms of 20 KB bodies %s against 200 B bodies %s", twoWriteTimes, oneWrite)
                    .isLessThan(baseline + 15);
        } finally {
            upstream.stop(0);
            threads.shutdownNow();
        }
    }

    private static double postMillis(HttpClient client, URI uri, byte[] body) throws Exception {
        long started = System.nanoTime();
        HttpResponse<Void> response = client.send(
                HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        double ms = (System.nanoTime() - started) / 1e6;
        assertThat(response.statusCode()).isEqualTo(204);
        return ms;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

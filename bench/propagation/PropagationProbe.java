import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures write-on-one-node to effect-on-the-others propagation (bench/propagation-bench runs it): each write goes
 * to the first node's Admin API, then every other node's proxy is polled (about every millisecond) until it shows
 * the write's effect. Writes cycle through four kinds: create a route (its path answers 200), change a route's path
 * (the new path answers 200), create a consumer with a key-auth key (the key opens a key-auth route), delete a route
 * (its path answers 404). Prints one line per node and kind, then p50/p90/p99/max over all, in ms from the write's
 * answer (the write has committed and applied on its own node) to the first poll that saw the effect. With 40 writes
 * or more, the first 8 (two of each kind) warm the nodes and the client up and are not counted.
 *
 * <p>Usage: java PropagationProbe.java ADMIN_A SERVICE_NAME KEYED_PATH WRITES TIMEOUT_S PROXY_B [PROXY_C ...]
 */
public final class PropagationProbe {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Effect(String path, String apikey, int status) {}

    public static void main(String[] args) throws Exception {
        String admin = args[0];
        String service = args[1];
        String keyed = args[2];
        int writes = Integer.parseInt(args[3]);
        long timeoutNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        List<String> proxies = List.of(args).subList(5, args.length);
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        List<List<Double>> byKind = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            byKind.add(new ArrayList<>());
        }
        List<Double> all = new ArrayList<>();
        int timeouts = 0;
        int warm = writes >= 40 ? 8 : 0;
        String[] kinds = {"route create", "route update", "credential create", "route delete"};
        for (int i = 0; i < writes + warm; i++) {
            int kind = i % 4;
            int n = i / 4;
            String route = "r-" + run + "-" + n;
            Effect effect;
            int status = switch (kind) {
                case 0 -> {
                    effect = new Effect("/p-" + run + "-" + n, null, 200);
                    yield send("POST", admin + "/services/" + service + "/routes",
                            "{\"name\":\"" + route + "\",\"paths\":[\"/p-" + run + "-" + n + "\"]}");
                }
                case 1 -> {
                    effect = new Effect("/q-" + run + "-" + n, null, 200);
                    yield send("PATCH", admin + "/routes/" + route, "{\"paths\":[\"/q-" + run + "-" + n + "\"]}");
                }
                case 2 -> {
                    String consumer = "c-" + run + "-" + n;
                    int created = send("POST", admin + "/consumers", "{\"username\":\"" + consumer + "\"}");
                    if (created != 201) {
                        throw new IllegalStateException("consumer creation answered " + created);
                    }
                    effect = new Effect(keyed, "k-" + run + "-" + n, 200);
                    yield send("POST", admin + "/consumers/" + consumer + "/key-auth",
                            "{\"key\":\"k-" + run + "-" + n + "\"}");
                }
                default -> {
                    effect = new Effect("/q-" + run + "-" + n, null, 404);
                    yield send("DELETE", admin + "/routes/" + route, null);
                }
            };
            if (status / 100 != 2) {
                throw new IllegalStateException(kinds[kind] + " answered " + status);
            }
            long written = System.nanoTime();
            for (String proxy : proxies) {
                long seen = awaitEffect(proxy, effect, written + timeoutNanos);
                if (seen < 0) {
                    timeouts++;
                    continue;
                }
                if (i < warm) {
                    continue;
                }
                double ms = (seen - written) / 1e6;
                byKind.get(kind).add(ms);
                all.add(ms);
            }
        }
        for (int k = 0; k < 4; k++) {
            System.out.printf("  %-18s %s%n", kinds[k], summary(byKind.get(k)));
        }
        System.out.printf("  %-18s %s%n", "all", summary(all));
        if (timeouts > 0) {
            System.out.printf("  %d effects not seen within %s s%n", timeouts, args[4]);
        }
    }

    private static long awaitEffect(String proxy, Effect effect, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create(proxy + effect.path()))
                    .timeout(Duration.ofSeconds(5));
            if (effect.apikey() != null) {
                probe.header("apikey", effect.apikey());
            }
            int status = CLIENT.send(probe.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == effect.status()) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        return -1;
    }

    private static int send(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String summary(List<Double> values) {
        if (values.isEmpty()) {
            return "no samples";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(
                "n=%4d  p50 %8.1f ms  p90 %8.1f ms  p99 %8.1f ms  max %8.1f ms",
                sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double at(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}

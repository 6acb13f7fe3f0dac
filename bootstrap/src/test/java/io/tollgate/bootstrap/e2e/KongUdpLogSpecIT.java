package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/02-udp-log/01-udp-log_spec.lua} (its 3.x revision with {@code custom_fields_by_lua}
 * and gRPC cases): udp-log on a real node proxying to {@link KongMockUpstream}, its datagrams read by a loopback UDP
 * {@link LogCollector} the test owns (Kong's {@code helpers.udp_server}). Kong's route is created once; each case
 * tells its entry from the others' by a request header of its own ({@code X-Case}).
 *
 * <p>Of the spec's 8 cases, 4 are ported: the 2 "custom log values by lua" cases too, whose
 * {@code custom_fields_by_lua} is constant Lua ({@code return 123} adds {@code new_field}, {@code return nil} removes
 * {@code route}), which Tollgate evaluates without a Lua runtime; they request {@code /request}, not Kong's
 * {@code /delay/2}, which only made them slower. No counterpart: the 4 gRPC / gRPCs cases ("logs proper latencies
 * (#grpc)", "logs proper latencies (#grpcs)", "logs to UDP (#grpc)", "logs to UDP (#grpcs)": a grpcbin upstream).
 */
class KongUdpLogSpecIT {

    private static final String SPEC = "spec/03-plugins/02-udp-log/01-udp-log_spec.lua";

    @TempDir
    static Path dir;

    static KongMockUpstream mock;
    static NodeProcess node;
    static LogCollector collector;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        collector = LogCollector.udp();
        node = NodeProcess.start("kong-udp-log", dir, Map.of());
        KongSpecClient admin = new KongSpecClient(node.admin());
        String service = admin.create("/services", body("name", "mock", "url", mock.url()))
                .get("id")
                .asText();
        String route = admin.create(
                        "/routes", body("hosts", List.of("udp_logging.com"), "service", Map.of("id", service)))
                .get("id")
                .asText();
        admin.create(
                "/plugins",
                body(
                        "name", "udp-log",
                        "route", Map.of("id", route),
                        "config", body("host", "127.0.0.1", "port", collector.port())));
        String custom = admin.create(
                        "/routes", body("hosts", List.of("custom_udp_logging.com"), "service", Map.of("id", service)))
                .get("id")
                .asText();
        Map<String, Object> fields = Map.of("new_field", "return 123", "route", "return nil");
        admin.create(
                "/plugins",
                body(
                        "name", "udp-log",
                        "route", Map.of("id", custom),
                        "config", body("host", "127.0.0.1", "port", collector.port(), "custom_fields_by_lua", fields)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** {@value #SPEC}: "logs proper latencies" (the mock's {@code /delay/2} answers after two seconds). */
    @Test
    void logs_proper_latencies() throws Exception {
        String id = UUID.randomUUID().toString();
        RawHttp.Response response = RawHttp.request("GET", "udp_logging.com", "/delay/2")
                .header("X-Case", id)
                .send(node.proxyPort);
        assertThat(response.status()).isEqualTo(200);

        JsonNode latencies = collector.entry(id).path("latencies");
        assertThat(latencies.path("proxy").asLong()).isLessThan(3000);
        // Kong allows the sum to miss by a millisecond of rounding
        assertThat(1 + latencies.path("request").asLong())
                .isGreaterThanOrEqualTo(latencies.path("kong").asLong()
                        + latencies.path("proxy").asLong());
    }

    /** {@value #SPEC}: "logs to UDP". */
    @Test
    void logs_to_udp() throws Exception {
        String id = UUID.randomUUID().toString();
        RawHttp.Response response = RawHttp.request("GET", "udp_logging.com", "/request")
                .header("X-Case", id)
                .send(node.proxyPort);
        assertThat(response.status()).isEqualTo(200);

        assertThat(collector.entry(id).path("client_ip").asText()).isEqualTo("127.0.0.1");
    }

    /** {@value #SPEC}: "custom log values by lua: logs custom values". */
    @Test
    void logs_custom_values() throws Exception {
        JsonNode entry = customEntry();
        assertThat(entry.path("new_field").isIntegralNumber()).isTrue();
        assertThat(entry.path("new_field").asInt()).isEqualTo(123);
    }

    /** {@value #SPEC}: "custom log values by lua: unsets existing log values". */
    @Test
    void unsets_existing_log_values() throws Exception {
        JsonNode entry = customEntry();
        assertThat(entry.has("route")).isFalse();
        assertThat(entry.path("service").path("name").asText()).isEqualTo("mock");
    }

    private static JsonNode customEntry() throws Exception {
        String id = UUID.randomUUID().toString();
        RawHttp.Response response = RawHttp.request("GET", "custom_udp_logging.com", "/request")
                .header("X-Case", id)
                .send(node.proxyPort);
        assertThat(response.status()).isEqualTo(200);
        return collector.entry(id);
    }
}

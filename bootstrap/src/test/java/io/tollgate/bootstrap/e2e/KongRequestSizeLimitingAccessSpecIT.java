package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/12-request-size-limiting/01-access_spec.lua} (its 3.x revision with {@code .test}
 * hosts and {@code require_content_length}): the request-size-limiting plugin on the proxy path against one real node
 * proxying to {@link KongMockUpstream}. All 25 of the spec's cases are ported (the per-unit cases loop over Kong's
 * {@code megabytes}, {@code kilobytes} and {@code bytes}). The routes and plugins of the spec's {@code lazy_setup}
 * are created once; no case writes.
 */
class KongRequestSizeLimitingAccessSpecIT {

    static final int TEST_SIZE = 2;
    static final int MB = 1 << 20;
    static final int KB = 1 << 10;
    static final String TOO_BIG = "Request size limit exceeded";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-request-size-limiting-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));

        limit("limit.test", body("allowed_payload_size", TEST_SIZE));
        limit("required.test", body("allowed_payload_size", TEST_SIZE, "require_content_length", true));
        for (String unit : List.of("megabytes", "kilobytes", "bytes")) {
            limit("limit_" + unit + ".test", body("allowed_payload_size", TEST_SIZE, "size_unit", unit));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    private static void limit(String host, Map<String, Object> config) {
        String route = id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        client.create(
                "/plugins", body("name", "request-size-limiting", "route", Map.of("id", route), "config", config));
    }

    /** Kong's {@code unit_multiplication_factor}. */
    private static int factor(String unit) {
        return switch (unit) {
            case "megabytes" -> MB;
            case "kilobytes" -> KB;
            case "bytes" -> 1;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** A POST to {@code /request} with a {@code Content-Length} body of {@code size} bytes. */
    private static RawHttp.Response post(String host, int size, boolean expect) throws Exception {
        String head = "POST /request HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + (expect ? "Expect: 100-continue\r\n" : "") + "Content-Length: " + size + "\r\n\r\n";
        return exchange(head + "a".repeat(size));
    }

    /** A GET to {@code /request} with a chunked body of {@code size} bytes (one chunk), as Kong's spec sends it. */
    private static RawHttp.Response chunked(String host, int size, boolean expect) throws Exception {
        String head = "GET /request HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + (expect ? "Expect: 100-continue\r\n" : "") + "Transfer-Encoding: chunked\r\n\r\n";
        return exchange(head + Integer.toHexString(size) + "\r\n" + "a".repeat(size) + "\r\n0\r\n\r\n");
    }

    /**
     * Sends the whole request, as Kong's test client does, on a thread of its own (the node answers a refused body
     * at once, then reads and drops the rest as nginx's lingering close does; a failed write is no failure, as in
     * {@code AccessControlPluginsNodeIT}), and reads every byte of the answer meanwhile.
     */
    private static RawHttp.Response exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.proxyPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException refusedToRead) {
                    // the node answered and closed before taking the whole body
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                assertThat(answer.size()).as("a reset before any answer").isPositive();
            }
            writer.join(Duration.ofSeconds(30));
            return RawHttp.parseLatin1(answer.toByteArray());
        }
    }

    private static void ok(RawHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static void refused(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(TOO_BIG);
    }

    // ------------------------------------------------------------------------ with Content-Length

    /** 01-access_spec: "with Content-Length works if size is lower than limit". */
    @Test
    void content_length_works_if_size_is_lower_than_limit() throws Exception {
        ok(post("limit.test", TEST_SIZE * MB, false));
    }

    /** 01-access_spec: "with Content-Length works if size is lower than limit and Expect header". */
    @Test
    void content_length_works_if_size_is_lower_than_limit_and_expect_header() throws Exception {
        ok(post("limit.test", TEST_SIZE * MB, true));
    }

    /** 01-access_spec: "with Content-Length blocks if size is greater than limit". */
    @Test
    void content_length_blocks_if_size_is_greater_than_limit() throws Exception {
        refused(post("limit.test", TEST_SIZE * MB + 1, false), 413);
    }

    /** 01-access_spec: "with Content-Length blocks if size is greater than limit and Expect header". */
    @Test
    void content_length_blocks_if_size_is_greater_than_limit_and_expect_header() throws Exception {
        refused(post("limit.test", TEST_SIZE * MB + 1, true), 417);
    }

    /** 01-access_spec: "with Content-Length blocks if size is greater than limit when unit in megabytes". */
    @Test
    void content_length_blocks_if_size_is_greater_than_limit_when_unit_in_megabytes() throws Exception {
        refused(post("limit_megabytes.test", TEST_SIZE * factor("megabytes") + 1, false), 413);
    }

    /** 01-access_spec: "with Content-Length blocks if size is greater than limit when unit in kilobytes". */
    @Test
    void content_length_blocks_if_size_is_greater_than_limit_when_unit_in_kilobytes() throws Exception {
        refused(post("limit_kilobytes.test", TEST_SIZE * factor("kilobytes") + 1, false), 413);
    }

    /** 01-access_spec: "with Content-Length blocks if size is greater than limit when unit in bytes". */
    @Test
    void content_length_blocks_if_size_is_greater_than_limit_when_unit_in_bytes() throws Exception {
        refused(post("limit_bytes.test", TEST_SIZE * factor("bytes") + 1, false), 413);
    }

    /** 01-access_spec: "with Content-Length works if size is less than limit when unit in megabytes". */
    @Test
    void content_length_works_if_size_is_less_than_limit_when_unit_in_megabytes() throws Exception {
        ok(post("limit_megabytes.test", TEST_SIZE * factor("megabytes") - 1, false));
    }

    /** 01-access_spec: "with Content-Length works if size is less than limit when unit in kilobytes". */
    @Test
    void content_length_works_if_size_is_less_than_limit_when_unit_in_kilobytes() throws Exception {
        ok(post("limit_kilobytes.test", TEST_SIZE * factor("kilobytes") - 1, false));
    }

    /** 01-access_spec: "with Content-Length works if size is less than limit when unit in bytes". */
    @Test
    void content_length_works_if_size_is_less_than_limit_when_unit_in_bytes() throws Exception {
        ok(post("limit_bytes.test", TEST_SIZE * factor("bytes") - 1, false));
    }

    // ------------------------------------------------------------------------ chunked, body > client_body_buffer_size

    /** 01-access_spec: "without Content-Length [body > buffer size] works if size is lower than limit". */
    @Test
    void chunked_large_works_if_size_is_lower_than_limit() throws Exception {
        ok(chunked("limit.test", TEST_SIZE * MB, false));
    }

    /** 01-access_spec: "without Content-Length [body > buffer size] works if size is lower than limit and Expect". */
    @Test
    void chunked_large_works_if_size_is_lower_than_limit_and_expect_header() throws Exception {
        ok(chunked("limit.test", TEST_SIZE * MB, true));
    }

    /** 01-access_spec: "without Content-Length [body > buffer size] blocks if size is greater than limit". */
    @Test
    void chunked_large_blocks_if_size_is_greater_than_limit() throws Exception {
        refused(chunked("limit.test", TEST_SIZE * MB + 1, false), 413);
    }

    /** 01-access_spec: "without Content-Length [body > buffer] blocks if size is greater than limit and Expect". */
    @Test
    void chunked_large_blocks_if_size_is_greater_than_limit_and_expect_header() throws Exception {
        refused(chunked("limit.test", TEST_SIZE * MB + 1, true), 417);
    }

    // ------------------------------------------------------------------------ chunked, body < client_body_buffer_size

    /** 01-access_spec: "without Content-Length [body < buffer size] works if size is lower than limit". */
    @Test
    void chunked_small_works_if_size_is_lower_than_limit() throws Exception {
        ok(chunked("limit_kilobytes.test", TEST_SIZE * KB, false));
    }

    /** 01-access_spec: "without Content-Length [body < buffer size] works if size is lower than limit and Expect". */
    @Test
    void chunked_small_works_if_size_is_lower_than_limit_and_expect_header() throws Exception {
        ok(chunked("limit_kilobytes.test", TEST_SIZE * KB, true));
    }

    /** 01-access_spec: "without Content-Length [body < buffer size] blocks if size is greater than limit". */
    @Test
    void chunked_small_blocks_if_size_is_greater_than_limit() throws Exception {
        refused(chunked("limit_kilobytes.test", TEST_SIZE * KB + 1, false), 413);
    }

    /** 01-access_spec: "without Content-Length [body < buffer] blocks if size is greater than limit and Expect". */
    @Test
    void chunked_small_blocks_if_size_is_greater_than_limit_and_expect_header() throws Exception {
        refused(chunked("limit_kilobytes.test", TEST_SIZE * KB + 1, true), 417);
    }

    // ------------------------------------------------------------------------ chunked, per unit

    /** 01-access_spec: "without Content-Length blocks if size is greater than limit when unit in megabytes". */
    @Test
    void chunked_blocks_if_size_is_greater_than_limit_when_unit_in_megabytes() throws Exception {
        refused(chunked("limit_megabytes.test", TEST_SIZE * factor("megabytes") + 1, false), 413);
    }

    /** 01-access_spec: "without Content-Length blocks if size is greater than limit when unit in kilobytes". */
    @Test
    void chunked_blocks_if_size_is_greater_than_limit_when_unit_in_kilobytes() throws Exception {
        refused(chunked("limit_kilobytes.test", TEST_SIZE * factor("kilobytes") + 1, false), 413);
    }

    /** 01-access_spec: "without Content-Length blocks if size is greater than limit when unit in bytes". */
    @Test
    void chunked_blocks_if_size_is_greater_than_limit_when_unit_in_bytes() throws Exception {
        refused(chunked("limit_bytes.test", TEST_SIZE * factor("bytes") + 1, false), 413);
    }

    /** 01-access_spec: "without Content-Length works if size is less than limit when unit in megabytes". */
    @Test
    void chunked_works_if_size_is_less_than_limit_when_unit_in_megabytes() throws Exception {
        ok(chunked("limit_megabytes.test", TEST_SIZE * factor("megabytes"), false));
    }

    /** 01-access_spec: "without Content-Length works if size is less than limit when unit in kilobytes". */
    @Test
    void chunked_works_if_size_is_less_than_limit_when_unit_in_kilobytes() throws Exception {
        ok(chunked("limit_kilobytes.test", TEST_SIZE * factor("kilobytes"), false));
    }

    /** 01-access_spec: "without Content-Length works if size is less than limit when unit in bytes". */
    @Test
    void chunked_works_if_size_is_less_than_limit_when_unit_in_bytes() throws Exception {
        ok(chunked("limit_bytes.test", TEST_SIZE * factor("bytes"), false));
    }

    // ------------------------------------------------------------------------ Content-Length header required

    /**
     * 01-access_spec: "Content-Length header required blocks if header is not provided" (a GET with neither
     * {@code Content-Length} nor a body: 411, with Kong's message).
     */
    @Test
    void required_blocks_if_header_is_not_provided() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.proxyPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /request HTTP/1.1\r\nHost: required.test\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttp.Response response =
                    RawHttp.parseLatin1(socket.getInputStream().readAllBytes());
            assertThat(response.status()).as(response.body()).isEqualTo(411);
            assertThat(response.json().path("message").asText()).isEqualTo("A valid Content-Length header is required");
        }
    }
}

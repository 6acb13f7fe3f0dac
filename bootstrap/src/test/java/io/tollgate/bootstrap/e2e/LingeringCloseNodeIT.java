package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx's lingering close on a real node's proxy listener: a refusal sent before the request body was read, on a
 * connection that closes after it, reaches a client that writes its whole body (far more than the sockets' buffers
 * hold) before it reads, where a connection closed at once would answer the client's writes with a reset.
 */
class LingeringCloseNodeIT {

    private static final int BODY_BYTES = 16 * 1024 * 1024;

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("lingering-close", dir, Map.of());
        KongSpecClient client = new KongSpecClient(node.admin());
        String service =
                client.create("/services", body("url", mock.url())).get("id").asText();
        String route = client.create(
                        "/routes", body("hosts", List.of("lingering.test"), "service", Map.of("id", service)))
                .get("id")
                .asText();
        client.create(
                "/plugins",
                body(
                        "name",
                        "request-size-limiting",
                        "route",
                        Map.of("id", route),
                        "config",
                        body("allowed_payload_size", 1)));
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

    /** request-size-limiting's 413 for a declared 16 MiB body, the whole body written before the answer is read. */
    @Test
    void a_request_size_limiting_413_reaches_a_client_that_writes_its_whole_body_first() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.proxyPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /request HTTP/1.1\r\nHost: lingering.test\r\nConnection: close\r\n" + "Content-Length: "
                    + BODY_BYTES + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (int written = 0; written < BODY_BYTES; written += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            RawHttp.Response response = RawHttp.parseLatin1(answer.toByteArray());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("Request size limit exceeded");
        }
    }
}

package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/01-proxy_spec.lua}: 2 of its 7 cases, the proxy listeners
 * ({@code proxy_listen}). Kong checks the listeners in its generated nginx configuration; Tollgate has none, so the
 * cases check what listens instead. The {@code stream_listen} cases (two) and the {@code [stream]} routing cases
 * (three) have no counterpart: Tollgate has no stream (TCP) proxy. Each case starts its own node, as Kong restarts for
 * each with another {@code proxy_listen}.
 */
class KongProxySpecIT {

    @TempDir
    static Path dir;

    /**
     * 01-proxy_spec: "Proxy interface listeners disabled": with {@code proxy_listen = off} the node runs (its Admin
     * API answers) and nothing listens where the proxy would.
     */
    @Test
    void disabled() throws Exception {
        try (NodeProcess node = NodeProcess.start("proxy-off", dir, Map.of("proxy_listen", "off"))) {
            assertThat(Http.get(node.admin() + "/status").status()).isEqualTo(200);

            assertThatThrownBy(() -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress("127.0.0.1", node.proxyPort), 2_000);
                        }
                    })
                    .isInstanceOf(ConnectException.class);
        }
    }

    /**
     * 01-proxy_spec: "Proxy interface listeners multiple": two {@code proxy_listen} addresses, each answering 404
     * (no route) to {@code GET /}.
     */
    @Test
    void multiple() throws Exception {
        String listen = "127.0.0.1:" + NodeProcess.FREE_PORT + ", 127.0.0.1:" + NodeProcess.FREE_PORT;
        try (NodeProcess node = NodeProcess.start("proxy-multiple", dir, Map.of("proxy_listen", listen))) {
            List<Integer> ports = Arrays.stream(
                            node.settings.get("proxy_listen").split(","))
                    .map(entry -> Integer.parseInt(entry.trim().substring("127.0.0.1:".length())))
                    .toList();
            assertThat(ports).hasSize(2).doesNotHaveDuplicates();

            for (int port : ports) {
                RawHttp.Response res =
                        RawHttp.request("GET", "127.0.0.1:" + port, "/").send(port);
                assertThat(res.status()).as("port %d: %s", port, res.body()).isEqualTo(404);
            }
        }
    }
}

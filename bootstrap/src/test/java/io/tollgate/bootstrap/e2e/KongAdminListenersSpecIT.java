package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/04-admin_api/01-admin_api_spec.lua} ("Admin API listeners"), 2 of its 2
 * cases; its earlier name {@code 00-admin_api_spec.lua} holds the same 2 cases. Kong counts the {@code server} blocks
 * of the nginx configuration it rendered and reads their {@code listen} lines; Tollgate renders no nginx file, and the
 * counterpart of those blocks is what the node binds: the listeners its start summary names (in
 * {@code admin_listen}'s order) and what answers on their ports. Each case starts its own node, as Kong restarts for
 * each with another {@code admin_listen}.
 */
class KongAdminListenersSpecIT {

    @TempDir
    static Path dir;

    /**
     * 01-admin_api_spec: "Admin API listeners disabled". With {@code admin_listen = off} the node serves its proxy
     * and nothing else: no Admin API listener is bound.
     */
    @Test
    void disabled() throws Exception {
        try (NodeProcess node = NodeProcess.start("admin-listen-off", dir, Map.of("admin_listen", "off"))) {
            assertThat(node.log()).contains(" started: proxy http://127.0.0.1:" + node.proxyPort + ", Admin API off, ");
            Http.Response proxied = get(node.proxy() + "/");
            assertThat(proxied.status()).isEqualTo(404);
            assertThat(proxied.json().get("message").asText()).isEqualTo("no Route matched with those values");
            assertThatThrownBy(() -> connect(node.adminPort))
                    .as("nothing listens where the Admin API would")
                    .isInstanceOf(IOException.class);
        }
    }

    /**
     * 01-admin_api_spec: "Admin API listeners multiple". Two {@code admin_listen} entries give two Admin API
     * listeners, in that order, and {@code GET /} answers 200 on each.
     */
    @Test
    void multiple() throws Exception {
        Map<String, String> settings =
                Map.of("admin_listen", "127.0.0.1:" + NodeProcess.ADMIN_PORT + ", 127.0.0.1:" + NodeProcess.FREE_PORT);
        try (NodeProcess node = NodeProcess.start("admin-listen-multiple", dir, settings)) {
            String second = node.settings.get("admin_listen").split(", ")[1];
            assertThat(node.log())
                    .contains(" Admin API http://127.0.0.1:" + node.adminPort + " http://" + second + ", ");
            for (String listener : new String[] {"127.0.0.1:" + node.adminPort, second}) {
                assertThat(get("http://" + listener + "/").status())
                        .as(listener)
                        .isEqualTo(200);
            }
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }
}

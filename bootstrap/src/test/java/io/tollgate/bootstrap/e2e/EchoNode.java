package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One node on the embedded database in front of one {@link EchoUpstream}, shared by a test class: a JUnit extension
 * registered on a static field ({@code @RegisterExtension static final EchoNode node = …}) that starts both, in a
 * directory of its own, before the class's {@code @BeforeAll} methods run, and stops both and deletes the directory
 * after its tests. Built by {@link #withEchoService}, the node also has a service named {@code echo} whose URL is the
 * upstream's.
 */
final class EchoNode implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final Map<String, String> settings;
    private final boolean echoService;
    private Path dir;
    private EchoUpstream upstream;
    private NodeProcess node;

    private EchoNode(String name, Map<String, String> settings, boolean echoService) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.echoService = echoService;
    }

    /** A node started as {@link NodeProcess#start} with {@code settings}, with no entity created. */
    static EchoNode of(String name, Map<String, String> settings) {
        return new EchoNode(name, settings, false);
    }

    /** A node started with {@code settings} and a service {@code echo} pointing at the upstream. */
    static EchoNode withEchoService(String name, Map<String, String> settings) {
        return new EchoNode(name, settings, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("tollgate-" + name + "-");
        upstream = new EchoUpstream();
        node = NodeProcess.start(name, dir, settings);
        if (echoService) {
            Http.Response service =
                    Http.post(node.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}");
            assertThat(service.status()).as(service.body()).isEqualTo(201);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
            if (dir != null) {
                delete(dir);
            }
        }
    }

    /** The running node. */
    NodeProcess process() {
        return node;
    }

    /** The Admin API's base URL, {@code http://127.0.0.1:<port>}. */
    String admin() {
        return node.admin();
    }

    /** The proxy's base URL, {@code http://127.0.0.1:<port>}. */
    String proxy() {
        return node.proxy();
    }

    /** The proxy's port. */
    int proxyPort() {
        return node.proxyPort;
    }

    /** The node's prefix. */
    Path prefix() {
        return node.prefix();
    }

    /** The settings the node was started with, free ports resolved. */
    Map<String, String> settings() {
        return node.settings;
    }

    /** The echo upstream's base URL. */
    String upstreamUrl() {
        return upstream.url();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

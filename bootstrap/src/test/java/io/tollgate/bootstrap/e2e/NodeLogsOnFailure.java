package io.tollgate.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, keeps the logs of every node process still running: each node's output and its proxy and
 * Admin API access logs are copied to {@code target/node-logs/<test class>/<test method>/} (the test's temporary
 * directory, where they live, is deleted with it) and the last {@value #TAIL} lines of each node's output are
 * printed on standard error, so a failure seen once in CI can be explained from its report.
 *
 * <p>Registered for every test of this module through JUnit's extension auto-detection
 * ({@code META-INF/services} and {@code junit-platform.properties} in the test resources).
 */
public final class NodeLogsOnFailure implements TestWatcher {

    static final int TAIL = 60;
    private static final Set<NodeProcess> RUNNING = ConcurrentHashMap.newKeySet();

    /** {@code node} started: its logs are kept if a test fails while it runs. */
    static void started(NodeProcess node) {
        RUNNING.add(node);
    }

    /** {@code node} stopped or was killed on purpose: a later failure is not about it. */
    static void stopped(NodeProcess node) {
        RUNNING.remove(node);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (RUNNING.isEmpty()) {
            return;
        }
        Path into = Path.of(
                "target",
                "node-logs",
                context.getRequiredTestClass().getSimpleName(),
                context.getTestMethod().map(m -> m.getName()).orElse("class"));
        try {
            Files.createDirectories(into);
            for (NodeProcess node : List.copyOf(RUNNING)) {
                keep(node, into);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[node-logs] could not keep the nodes' logs: " + e);
        }
    }

    private static void keep(NodeProcess node, Path into) throws IOException {
        Path output = node.logFile();
        if (Files.exists(output)) {
            Files.copy(output, into.resolve(node.name() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<String> lines = Files.readAllLines(output);
            System.err.println("[node-logs] node " + node.name() + ": last " + TAIL + " lines of " + output
                    + " (all of it and its access logs in " + into.toAbsolutePath() + ")");
            lines.subList(Math.max(0, lines.size() - TAIL), lines.size())
                    .forEach(line -> System.err.println("[node-logs " + node.name() + "] " + line));
        }
        Path logs = node.prefix().resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(
                            file,
                            into.resolve(node.name() + "-" + file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

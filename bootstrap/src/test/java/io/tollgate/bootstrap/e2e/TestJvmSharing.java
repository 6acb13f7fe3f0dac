package io.tollgate.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Class-data sharing for the JVMs the end-to-end tests start from the built jar, as {@code bin/tollgate} gives a node
 * (README, "JVM settings"): the classes a node loads are mapped from an archive instead of being loaded and verified
 * again. On a two-core machine a node on an existing prefix starts in 2.6 s instead of 4.3 s, and two nodes on fresh
 * prefixes starting at once (as the two test JVMs do) are both ready in 8.2 s instead of 10.1 s.
 *
 * <p>The archive lies next to the jar, named after the jar's size and modification time
 * ({@code tollgate-it-<size>-<mtime>.jsa}), so a rebuilt jar gets a new one; it is not {@code bin/tollgate}'s
 * ({@code tollgate-start-…}), which that script deletes for another jar. When it is missing, the first node a test JVM
 * starts is preceded by a training run: a node that starts, answers the Admin API and the proxy, and stops, writing the
 * classes it loaded to a file of its own that is then moved into place in one step (two test JVMs training at once
 * each write their own). Every other JVM only reads the archive, so no test's node stops more slowly because it writes
 * one. {@code VerifySharedSpaces} checks the archive's checksum (a damaged one is not used) and the JVM's CDS log lines
 * are off, so a node's output is the same with or without an archive. If the training fails, the nodes of that test
 * JVM start without an archive.
 */
final class TestJvmSharing {

    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private static boolean trainingFailed;

    private TestJvmSharing() {}

    /** The options for a node's JVM: map the archive, after writing it first if it is missing. */
    static synchronized List<String> node() {
        Path archive = archive();
        if (!Files.isRegularFile(archive) && !trainingFailed) {
            trainingFailed = !train(archive);
        }
        return command();
    }

    /** The options for a one-off command's JVM: map the archive if there is one, else none. */
    static List<String> command() {
        Path archive = archive();
        if (!Files.isRegularFile(archive)) {
            return List.of();
        }
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+VerifySharedSpaces"));
        options.addAll(QUIET);
        return options;
    }

    /** Starts and stops a node that writes the classes it loaded; whether the archive is in place afterwards. */
    private static boolean train(Path archive) {
        Path written = archive.resolveSibling(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tollgate-cds-training");
            List<String> options = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + written));
            options.addAll(QUIET);
            try (NodeProcess node = NodeProcess.startWithJvmOptions(options, "training", dir)) {
                Http.post(node.admin() + "/services", "{\"name\":\"s\",\"url\":\"http://127.0.0.1:1\"}");
                Http.post(node.admin() + "/services/s/routes", "{\"paths\":[\"/\"]}");
                Http.post(node.admin() + "/services/s/plugins", "{\"name\":\"key-auth\"}");
                Http.get(node.admin() + "/routes");
                Http.get(node.proxy() + "/");
            }
            if (Files.isRegularFile(written)) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteOtherArchives(archive);
            }
            return Files.isRegularFile(archive);
        } catch (Exception e) {
            System.err.println("tests: no class-data sharing archive, nodes start without one: " + e);
            return false;
        } finally {
            deleteQuietly(written);
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static Path archive() {
        Path jar = Path.of(System.getProperty("tollgate.jar", "target/tollgate.jar"))
                .toAbsolutePath();
        try {
            long size = Files.size(jar);
            long mtime = Files.getLastModifiedTime(jar).toMillis() / 1000;
            return jar.resolveSibling("tollgate-it-" + size + "-" + mtime + ".jsa");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jar " + jar, e);
        }
    }

    /** Deletes the archives written for earlier jars (another size or modification time). */
    private static void deleteOtherArchives(Path archive) throws IOException {
        try (Stream<Path> siblings = Files.list(archive.getParent())) {
            siblings.filter(p -> !p.equals(archive))
                    .filter(p -> p.getFileName().toString().matches("tollgate-it-\\d+-\\d+\\.jsa"))
                    .forEach(TestJvmSharing::deleteQuietly);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(TestJvmSharing::deleteQuietly);
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind
        }
    }
}

package io.tollgate.bootstrap.declarative;

import io.tollgate.application.admin.ConfigurationCheck;
import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DeclarationRejected;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ports of Kong's declarative-config specs share: the bundled plugins enabled (as a node enables them), a
 * file written from YAML, its problems as {@code tollgate config parse} reports them ({@link #parseProblems}) and as
 * {@code tollgate config db_import} does ({@link #importProblems}, which imports into in-memory {@link #ports}).
 */
abstract class DeclarativeSpecSupport {

    static final String V11 = "_format_version: \"1.1\"\n";

    private static List<PluginDefinition> previouslyEnabled;

    @TempDir
    Path dir;

    /** The ports a successful {@link #importProblems} wrote to. */
    final RecordingPorts ports = new RecordingPorts();

    @BeforeAll
    static void enableBundledPlugins() {
        previouslyEnabled = PluginCatalog.all();
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
    }

    @AfterAll
    static void restorePlugins() {
        PluginCatalog.enable(previouslyEnabled);
    }

    /** Writes {@code yaml} to {@code kong.yml} in the test's directory and reads it. */
    DeclarativeReader.Result read(String yaml) throws IOException {
        return DeclarativeReader.read(Files.writeString(dir.resolve("kong.yml"), yaml));
    }

    /** The problems {@code kong config parse} would print for {@code yaml}, structural ones first. */
    List<String> parseProblems(String yaml) throws IOException {
        DeclarativeReader.Result read = read(yaml);
        List<String> problems = new ArrayList<>(read.problems());
        DeclaredConfiguration entities = read.configuration() != null ? read.configuration() : read.partial();
        if (entities != null) {
            problems.addAll(new ConfigurationCheck(Clock.systemUTC()).check(entities));
        }
        return problems;
    }

    /**
     * What {@code tollgate config db_import} prints for {@code yaml}: the parse problems, else the import's refusal
     * (nothing written); none when the import succeeded into {@link #ports}.
     */
    List<String> importProblems(String yaml) throws IOException {
        List<String> problems = parseProblems(yaml);
        if (problems.isEmpty()) {
            try {
                ports.configurationImport(Clock.systemUTC()).apply(read(yaml).configuration());
            } catch (DeclarationRejected e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }
}

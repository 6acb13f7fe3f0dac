package io.tollgate.bootstrap.cli;

import io.tollgate.application.admin.ConfigurationCheck;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.declarative.DeclarativeReader;
import io.tollgate.bootstrap.plugins.PluginLoader;
import io.tollgate.domain.plugin.PluginCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads the declarative file {@code config parse} and {@code config db_import} take, for both. */
final class DeclarativeFile {

    private DeclarativeFile() {}

    /**
     * @return the file's configuration, or its structural problems ({@link DeclarativeReader.Result}) followed by
     *     the schema problems of the entities that could be read, so that every problem is reported at once
     * @throws UncheckedIOException when the file cannot be read (one line: {@code could not read <file>: …})
     */
    static DeclarativeReader.Result read(Path file) {
        try {
            DeclarativeReader.Result read = DeclarativeReader.read(file);
            if (read.partial() == null) {
                return read;
            }
            List<String> problems = new ArrayList<>(read.problems());
            problems.addAll(new ConfigurationCheck(Clock.systemUTC()).check(read.partial()));
            return new DeclarativeReader.Result(null, List.copyOf(problems), null);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("could not read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Prints Kong's {@code Failed parsing:} heading and one problem per line to the CLI's error output. */
    static void report(Cli cli, Path file, List<String> problems) {
        cli.err()
                .println("Error: " + file + " is not valid (" + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "):");
        problems.forEach(p -> cli.err().println("  in " + p));
    }

    /**
     * Loads the configuration ({@code -c FILE}) and enables its {@code plugins} as a node would, so plugin entities
     * validate against the same plugin schemas.
     *
     * @throws io.tollgate.bootstrap.config.ConfigException when a plugin cannot be loaded
     */
    static TollgateConfig configWithPlugins(Cli cli, @Nullable Path conf) {
        TollgateConfig config = cli.loadConfig(conf);
        PluginCatalog.enable(
                PluginLoader.load(config.prefix(), config.plugins(), DeclarativeFile.class.getClassLoader()).stream()
                        .map(TollgatePlugin::definition)
                        .toList());
        return config;
    }

    static long count(DeclaredConfiguration configuration) {
        return configuration.entities().size();
    }
}

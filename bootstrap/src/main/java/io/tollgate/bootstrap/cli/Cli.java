package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.logging.Logging;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The {@code tollgate} command line: {@code start [-c FILE] [--no-migrations]}, {@code migrations up|status
 * [-c FILE]}, {@code db rebuild [-c FILE] [--keep]}, {@code db compact [-c FILE] [--retention SECONDS]},
 * {@code config export [--at EPOCH|POSITION] [-c FILE] [-o FILE]}, {@code version}, plus {@code --help} and
 * {@code --version}. Usage and configuration errors print
 * {@code Error: <message>} on one line to {@code err} and exit with 2; other failures print the same line, log the
 * stack trace at DEBUG and exit with 1.
 */
public final class Cli {
    /** Exit code for a usage or configuration error. */
    public static final int USAGE_ERROR = 2;
    /** Exit code for a runtime failure. */
    public static final int FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private final ConfigLoader loader;
    private final NodeRunner node;
    private final String version;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param loader resolves the configuration ({@link ConfigLoader#fromSystem()} in production)
     * @param node what {@code start}, {@code migrations}, {@code db rebuild} and {@code config export} call
     * @param version the build version printed by {@code version}
     * @param out standard output (help, version)
     * @param err standard error (error lines)
     */
    public Cli(ConfigLoader loader, NodeRunner node, String version, PrintWriter out, PrintWriter err) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.node = Objects.requireNonNull(node, "node");
        this.version = Objects.requireNonNull(version, "version");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Runs one command line.
     *
     * @param args e.g. {@code start -c tollgate.conf}
     * @return the exit code: 0 ok, 1 runtime failure, 2 usage or configuration error
     */
    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(new TollgateCommand())
                .addSubcommand(new StartCommand(this))
                .addSubcommand(new MigrationsCommand(this))
                .addSubcommand(new VersionCommand(this))
                .addSubcommand(new CommandLine(new DbCommand())
                        .addSubcommand(new DbRebuildCommand(this))
                        .addSubcommand(new DbCompactCommand(this)))
                .addSubcommand(new CommandLine(new ConfigCommand()).addSubcommand(new ConfigExportCommand(this)))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, ignored) -> error(e.getMessage()))
                .setExecutionExceptionHandler(
                        (e, ignored, result) -> e instanceof ConfigException ? error(e.getMessage()) : failure(e));
        commandLine.getCommandSpec().version("Tollgate " + version);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Loads the configuration (from {@code file} if given) and applies its {@code log_level}. */
    TollgateConfig loadConfig(@Nullable Path file) {
        return loadConfig(file, Map.of());
    }

    /**
     * Loads the configuration with command-line values that win over every other source (by Kong property name,
     * validated as the property is), and applies its {@code log_level}.
     */
    TollgateConfig loadConfig(@Nullable Path file, Map<String, String> overrides) {
        TollgateConfig config = loader.load(file, overrides);
        Logging.apply(config);
        return config;
    }

    NodeRunner node() {
        return node;
    }

    String version() {
        return version;
    }

    PrintWriter out() {
        return out;
    }

    private int error(String message) {
        err.println("Error: " + message);
        return USAGE_ERROR;
    }

    private int failure(Exception e) {
        String message = e.getMessage();
        err.println(
                "Error: " + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip()));
        LOG.debug("command failed", e);
        return FAILURE;
    }
}

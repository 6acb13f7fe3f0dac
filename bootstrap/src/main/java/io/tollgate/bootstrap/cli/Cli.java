package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.LogLevel;
import io.tollgate.bootstrap.config.Property;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.RuntimeFiles;
import io.tollgate.bootstrap.logging.Logging;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The {@code tollgate} command line, Kong's {@code kong} commands and flags where Kong has them: {@code start [-c FILE]
 * [-p PREFIX] [--no-migrations]}, {@code prepare [-c FILE] [-p PREFIX]}, {@code stop [-p PREFIX]},
 * {@code quit [-p PREFIX] [-t SECONDS] [-w SECONDS]},
 * {@code restart}, {@code health [-p PREFIX]}, {@code drain [-p PREFIX]}, {@code unready [-p PREFIX]},
 * {@code check [FILE]}, {@code migrations …}, {@code db rebuild|compact},
 * {@code config export|db_export|db_import|parse}, {@code cluster members [--json]}, {@code admins add|remove|list},
 * {@code vault get <reference>}, {@code version}, plus {@code --help} and {@code --version} on every command. Usage and
 * configuration errors print {@code Error: <message>} on one line to {@code err} and exit with 2; other failures print
 * the same line and exit with 1. Every command takes Kong's verbosity flags: {@code --v} (log at {@code info} and print
 * a failure's stack trace) and {@code --vv} (log at {@code debug}).
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
    private final Terminal terminal;
    private InputStream in = System.in;
    private int verbosity;

    /**
     * @param loader resolves the configuration ({@link ConfigLoader#fromSystem()} in production)
     * @param node what {@code start}, {@code migrations}, {@code db rebuild} and {@code config export} call
     * @param version the build version printed by {@code version}
     * @param out standard output (help, version)
     * @param err standard error (error lines)
     */
    public Cli(ConfigLoader loader, NodeRunner node, String version, PrintWriter out, PrintWriter err) {
        this(loader, node, version, out, err, Terminal.system());
    }

    /** As the public constructor, with the terminal {@code migrations reset} asks on. */
    Cli(ConfigLoader loader, NodeRunner node, String version, PrintWriter out, PrintWriter err, Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
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
        CommandLine commandLine = new CommandLine(new TollgateCommand(this))
                .addSubcommand(new StartCommand(this))
                .addSubcommand(new PrepareCommand(this))
                .addSubcommand(new StopCommand(this))
                .addSubcommand(new QuitCommand(this))
                .addSubcommand(new ReloadCommand(this))
                .addSubcommand(new RestartCommand(this))
                .addSubcommand(new HealthCommand(this))
                .addSubcommand(new DrainCommand(this))
                .addSubcommand(new UnreadyCommand(this))
                .addSubcommand(new CheckCommand(this))
                .addSubcommand(new MigrationsCommand(this))
                .addSubcommand(new VersionCommand(this))
                .addSubcommand(new CommandLine(new DbCommand())
                        .addSubcommand(new DbRebuildCommand(this))
                        .addSubcommand(new DbCompactCommand(this)))
                .addSubcommand(new CommandLine(new ConfigCommand())
                        .addSubcommand(new ConfigExportCommand(this))
                        .addSubcommand(new ConfigDbExportCommand(this))
                        .addSubcommand(new ConfigDbImportCommand(this))
                        .addSubcommand(new ConfigParseCommand(this))
                        .addSubcommand(new ConfigInitCommand(this)))
                .addSubcommand(new CommandLine(new ClusterCommand()).addSubcommand(new ClusterMembersCommand(this)))
                .addSubcommand(new CommandLine(new AdminsCommand())
                        .addSubcommand(new AdminsAddCommand(this))
                        .addSubcommand(new AdminsRemoveCommand(this))
                        .addSubcommand(new AdminsListCommand(this)))
                .addSubcommand(new CommandLine(new VaultCommand()).addSubcommand(new VaultGetCommand(this)))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(
                        (e, ignored) -> error(unknownCommand(e).orElse(e.getMessage())))
                .setExecutionExceptionHandler((e, ignored, result) -> {
                    trace(e);
                    return e instanceof ConfigException ? error(e.getMessage()) : failure(e);
                });
        commandLine.getCommandSpec().version("Tollgate " + version);
        documentExitCodes(commandLine);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Gives every command without its own list the common exit codes in its {@code --help}. */
    private static void documentExitCodes(CommandLine command) {
        var usage = command.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty()) {
            usage.exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(Map.of("0", "success", "1", "runtime failure", "2", "usage or configuration error"));
        }
        command.getSubcommands().values().forEach(Cli::documentExitCodes);
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
        TollgateConfig config = readConfig(file, overrides);
        Logging.apply(config);
        return config;
    }

    /**
     * Loads the configuration as {@link #loadConfig} does, without applying anything (a running node's
     * {@code reload}).
     *
     * @throws io.tollgate.bootstrap.config.ConfigException for a missing file or an invalid value
     */
    TollgateConfig readConfig(@Nullable Path file, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        if (verbosity > 0) {
            all.put(Property.LOG_LEVEL.key(), verbosity > 1 ? "debug" : "info");
        }
        return loader.load(file, all);
    }

    /**
     * The runtime files under {@code prefix} ({@code -p}), else under the configured prefix (the default files and the
     * environment, as Kong's commands find the default prefix).
     */
    RuntimeFiles runtimeFiles(@Nullable Path prefix) {
        return RuntimeFiles.of(prefix != null ? prefix : loadConfig(null).prefix());
    }

    /**
     * Kong's {@code --v} (1) and {@code --vv} (2); 0 by default. The level ({@code info}, {@code debug}) applies at
     * once, so a command that loads no configuration ({@code version --vv}) logs too: with {@code --vv}, a first
     * debug line names the version and the Java runtime, as Kong's first debug lines come from its start-up.
     */
    void verbosity(int level) {
        if (level <= verbosity) {
            return; // `--vv --v`: the higher level stays, set and announced once
        }
        verbosity = level;
        Logging.apply(verbosity > 1 ? LogLevel.DEBUG : LogLevel.INFO);
        LOG.debug("Tollgate {} on Java {} ({})", version, Runtime.version(), System.getProperty("java.vendor"));
    }

    /** Standard input ({@code admins add --password-stdin}); tests give their own with {@link #withInput}. */
    InputStream in() {
        return in;
    }

    /** Reads standard input from {@code input} instead of {@link System#in}; returns this. */
    Cli withInput(InputStream input) {
        this.in = Objects.requireNonNull(input, "input");
        return this;
    }

    Terminal terminal() {
        return terminal;
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

    PrintWriter err() {
        return err;
    }

    /**
     * Kong's {@code No such command: NAME} for a first word that names no command (picocli's own message says
     * {@code Unmatched argument at index 0}); empty for every other usage error.
     */
    private static Optional<String> unknownCommand(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && unmatched.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            return Optional.of("No such command: " + unmatched.getUnmatched().getFirst());
        }
        return Optional.empty();
    }

    private int error(String message) {
        err.println("Error: " + message);
        return USAGE_ERROR;
    }

    private int failure(Exception e) {
        String message = e.getMessage();
        err.println(
                "Error: " + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip()));
        return FAILURE;
    }

    /** With {@code --v} or {@code --vv}, the stack trace goes to {@code err} before the one-line error. */
    private void trace(Exception e) {
        LOG.debug("command failed", e);
        if (verbosity > 0) {
            e.printStackTrace(err);
        }
    }
}

package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.ErrorLog;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.RuntimeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tollgate prepare [-c FILE] [-p PREFIX]}: Kong's {@code kong prepare}. Loads and validates the configuration
 * as {@code start} would, then creates the prefix directory and what a node expects in it without starting one:
 * {@code <prefix>/pids/} (owner-only, {@code 0700}) and the log files the configuration names
 * ({@code proxy_access_log}, {@code admin_access_log} and a {@code proxy_error_log} file), empty, with their
 * directories; existing files are kept. No pid file is written, no port is bound and the database (embedded or not)
 * is not touched: {@code tollgate start} with the same prefix then runs the node. Prints
 * {@code Tollgate prefix prepared at <prefix>}. Exit 0 prepared; 1 a file cannot be created; 2 usage or
 * configuration error (e.g. {@code Error: no file at: FILE}).
 */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description = "Create the prefix directory and its files without starting a node.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:prepared", "1:a file could not be created", "2:usage or configuration error"})
final class PrepareCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    PrepareCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TollgateConfig config = cli.loadConfig(conf.file, prefix.asOverride());
        RuntimeFiles files = RuntimeFiles.of(config.prefix());
        files.createDirectory();
        for (Path log : logFiles(config)) {
            touch(log);
        }
        cli.out().println("Tollgate prefix prepared at " + files.prefix());
        return 0;
    }

    /** The log files the node would write: the access logs that are not {@code off}, and a file error log. */
    private static List<Path> logFiles(TollgateConfig config) {
        List<Path> logs = new ArrayList<>();
        config.proxyAccessLog().ifPresent(logs::add);
        config.adminAccessLog().ifPresent(logs::add);
        errorLogFile(config.errorLog()).ifPresent(logs::add);
        return logs;
    }

    private static Optional<Path> errorLogFile(ErrorLog log) {
        return switch (log) {
            case ErrorLog.Stderr ignored -> Optional.empty();
            case ErrorLog.Stdout ignored -> Optional.empty();
            case ErrorLog.File file -> Optional.of(file.path());
        };
    }

    /** Creates {@code file} (empty) and its directories, keeping a file already there. */
    private static void touch(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createFile(file);
        } catch (FileAlreadyExistsException kept) {
            // an earlier prepare or run left it: appended to, never truncated
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }
}

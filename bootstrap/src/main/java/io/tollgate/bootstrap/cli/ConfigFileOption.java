package io.tollgate.bootstrap.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code -c/--conf FILE}, Kong's option naming the configuration file, shared by every command that reads the
 * configuration (a picocli mixin). Absent: the first of {@code /etc/tollgate/tollgate.conf},
 * {@code /etc/kong/kong.conf}, else the defaults ({@link Cli#loadConfig}).
 */
final class ConfigFileOption {

    @Option(
            names = {"-c", "--conf"},
            paramLabel = "FILE",
            description = "Configuration file (default: first of /etc/tollgate/tollgate.conf, /etc/kong/kong.conf).")
    @Nullable
    Path file;
}

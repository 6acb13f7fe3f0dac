package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.Property;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code -p/--prefix PREFIX}, Kong's option naming the node's prefix directory (pid file, embedded database, logs),
 * shared by the commands that start or reach a node (a picocli mixin). Absent: the configured {@code prefix}.
 */
final class PrefixOption {

    @Option(
            names = {"-p", "--prefix"},
            paramLabel = "PREFIX",
            description = "Prefix directory: pid file, embedded database, logs (default: the configured prefix).")
    @Nullable
    Path prefix;

    /** The prefix as a configuration override: {@code prefix = PREFIX}, or none when the option is absent. */
    Map<String, String> asOverride() {
        return prefix == null ? Map.of() : Map.of(Property.PREFIX.key(), prefix.toString());
    }
}

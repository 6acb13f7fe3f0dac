package io.tollgate.bootstrap.cli;

import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.bootstrap.export.ConfigurationFormat;
import io.tollgate.bootstrap.export.ExportMoment;
import io.tollgate.bootstrap.export.JsonConfigurationFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate config export [--at <epoch seconds | commit:event_id>] [-c FILE] [-o FILE]}: writes the whole
 * configuration as the event log says it was at that moment (default: now) in {@link JsonConfigurationFormat}, to
 * {@code FILE} or standard output. A moment or position before the log's compaction snapshot is a runtime failure
 * (exit 1) whose one-line error names the earliest exportable moment; a malformed {@code --at} is a usage error (2).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write the whole configuration (every entity, as the Admin API shows it) as JSON, as it is now or as it"
                    + " was at a past moment or log position."
        })
final class ConfigExportCommand implements Callable<Integer> {
    private final Cli cli;
    private final ConfigurationFormat format = new JsonConfigurationFormat();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--at",
            paramLabel = "EPOCH|POSITION",
            description = "Seconds since the epoch (e.g. 1700000000.5) or a log position <commit>:<event_id> (e.g."
                    + " 1234:56). Default: now.")
    @Nullable
    String at;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE (replaced once complete) instead of standard output.")
    @Nullable
    Path output;

    ConfigExportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        ExportMoment moment;
        try {
            moment = at == null ? new ExportMoment.Now() : ExportMoment.parse(at);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PastConfiguration configuration = cli.node().exportConfiguration(cli.loadConfig(conf.file), moment);
        if (output == null) {
            write(configuration, cli.out());
            return 0;
        }
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        try {
            try (Writer file = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                write(configuration, file);
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the failure below says what went wrong
            }
            throw new UncheckedIOException(
                    "could not write " + output + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        long entities =
                configuration.entities().values().stream().mapToLong(List::size).sum();
        cli.out()
                .println("Exported " + entities + " entities at position " + configuration.position()
                        + (configuration.epochSeconds() == null
                                ? ""
                                : " (" + configuration.epochSeconds().toPlainString() + ")")
                        + " to " + output);
        return 0;
    }

    private void write(PastConfiguration configuration, Writer out) {
        try {
            format.write(configuration, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export: " + e.getMessage(), e);
        }
    }
}

package io.tollgate.bootstrap.cli;

import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.ImportReport;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.declarative.DeclarativeReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Kong's {@code kong config db_import FILE}: writes a declarative file (YAML or JSON) into the configured database in
 * one transaction, all or nothing ({@code ImportConfiguration}); entities equal to the stored ones are skipped, so a
 * second import of the same file changes nothing. Prints one line per entity kind with its created / updated /
 * unchanged counts, then the number of events appended. A file with a bad entity imports nothing: exit 1 and the
 * entity's path in the file with Kong's message. A file of more than {@value ImportProgressLine#THRESHOLD} entities
 * shows its progress on standard error when that is a terminal ({@link ImportProgressLine}).
 */
@Command(
        name = "db_import",
        mixinStandardHelpOptions = true,
        description = "Import a declarative configuration file (YAML or JSON) into the database, all or nothing;"
                + " entities are matched by id, else by name or other unique key, and unchanged ones are skipped.")
final class ConfigDbImportCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "FILE", description = "The declarative file.")
    Path file;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    ConfigDbImportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TollgateConfig config = DeclarativeFile.configWithPlugins(cli, conf.file);
        DeclarativeReader.Result read = DeclarativeFile.read(file);
        DeclaredConfiguration configuration = read.configuration();
        if (configuration == null) {
            DeclarativeFile.report(cli, file, read.problems());
            return Cli.FAILURE;
        }
        long started = System.nanoTime();
        ImportProgressLine progress =
                ImportProgressLine.on(cli.err(), StandardError.isTerminal(), configuration, System::nanoTime);
        ImportReport report;
        try {
            report = cli.node().importConfiguration(config, configuration, progress);
        } catch (RuntimeException e) {
            progress.failed();
            throw e;
        }
        progress.written(report);
        long millis = (System.nanoTime() - started) / 1_000_000;
        report.counts()
                .forEach((kind, counts) -> cli.out()
                        .printf(
                                "%-22s created %d, updated %d, unchanged %d%n",
                                kind.kongName() + ":", counts.created(), counts.updated(), counts.unchanged()));
        cli.out()
                .println("Imported " + file + ": " + DeclarativeFile.count(configuration) + " entities, "
                        + report.events() + " events appended, in " + millis + " ms");
        return 0;
    }
}

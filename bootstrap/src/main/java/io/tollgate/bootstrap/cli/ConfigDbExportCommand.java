package io.tollgate.bootstrap.cli;

import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.bootstrap.declarative.DeclarativeExport;
import io.tollgate.bootstrap.declarative.DeclarativeFiles;
import io.tollgate.bootstrap.export.ExportMoment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Kong's {@code kong config db_export [FILE]}: writes the configuration now in Kong's declarative format
 * ({@link DeclarativeExport}), YAML, or JSON when {@code FILE} ends with {@code .json}; to standard output without
 * {@code FILE}. A file is written whole or not at all (replaced once complete). {@code --select-tag TAG}
 * (repeatable, decK's flag) keeps only the entities carrying every given tag and records them in
 * {@code _info.select_tags}.
 */
@Command(
        name = "db_export",
        mixinStandardHelpOptions = true,
        description = {
            "Write the whole configuration in Kong's declarative format (_format_version 3.0, decK's nesting), YAML,"
                    + " or JSON when FILE ends with .json; to standard output without FILE."
        })
final class ConfigDbExportCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Where to write (replaced).")
    @Nullable
    Path file;

    @Option(
            names = "--select-tag",
            paramLabel = "TAG",
            description = "Export only the entities carrying this tag (repeatable: every tag given) and write"
                    + " _info.select_tags, as decK's --select-tag; an import adds the tags back.")
    List<String> selectTags = new ArrayList<>();

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    ConfigDbExportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        PastConfiguration configuration =
                cli.node().exportConfiguration(cli.loadConfig(conf.file), new ExportMoment.Now());
        Map<String, Object> document = DeclarativeExport.of(configuration, selectTags);
        if (file == null) {
            write(document, cli.out());
            return 0;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                write(document, out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the failure below says what went wrong
            }
            throw new UncheckedIOException(
                    "could not write " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        cli.out().println("Exported " + DeclarativeExport.count(document) + " entities to " + file);
        return 0;
    }

    private void write(Map<String, Object> document, Writer out) {
        try {
            DeclarativeFiles.mapperFor(file).writeValue(out, document);
            if (file != null && file.toString().endsWith(".json")) {
                out.write(System.lineSeparator());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export: " + e.getMessage(), e);
        }
    }
}

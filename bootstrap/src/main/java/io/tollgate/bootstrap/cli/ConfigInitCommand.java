package io.tollgate.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Kong's {@code kong config init [FILE]}: writes a starting declarative file ({@code kong.yml} in the working
 * directory by default) that {@code config parse} accepts; an existing file is never overwritten (exit 1).
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write an example declarative configuration file to start from (kong.yml by default).")
final class ConfigInitCommand implements Callable<Integer> {
    static final String TEMPLATE = """
            # A declarative configuration: check it with `tollgate config parse FILE`,
            # write it into the database with `tollgate config db_import FILE`.
            _format_version: "3.0"
            _transform: true

            # services:
            # - name: example-service
            #   url: http://example.internal
            #   routes:
            #   - name: example-route
            #     paths: [/example]
            #   plugins:
            #   - name: key-auth
            # consumers:
            # - username: example-user
            #   keyauth_credentials:
            #   - key: example-key
            """;

    private final Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Where to write (default kong.yml).")
    Path file = Path.of("kong.yml");

    ConfigInitCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        if (Files.exists(file)) {
            cli.err().println("Error: " + file + " already exists in the current directory.");
            cli.err().println("Will not overwrite it.");
            return Cli.FAILURE;
        }
        Files.writeString(file, TEMPLATE);
        return 0;
    }
}

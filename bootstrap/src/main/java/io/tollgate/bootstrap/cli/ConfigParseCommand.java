package io.tollgate.bootstrap.cli;

import io.tollgate.application.admin.ConfigurationCheck;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.in.CheckConfiguration;
import io.tollgate.bootstrap.declarative.DeclarativeReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Kong's {@code kong config parse FILE}: checks a declarative file (YAML or JSON) against the entity schemas without
 * a database. Exit 0 and {@code parse successful} when valid; 1 with one line per invalid entity,
 * {@code in <path in the file>: <Kong's schema-violation message>}, e.g.
 * {@code in services[0].routes[1]: schema violation (protocols.1: expected one of: grpc, grpcs, http, https)}.
 */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        description = "Check a declarative configuration file (YAML or JSON) against the entity schemas, writing"
                + " nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the file is valid",
            "1:the file is not valid (each problem named by its path in the file) or cannot be read",
            "2:usage error"
        })
final class ConfigParseCommand implements Callable<Integer> {
    private final Cli cli;
    private final CheckConfiguration checks = new ConfigurationCheck(Clock.systemUTC());

    @Parameters(index = "0", paramLabel = "FILE", description = "The declarative file.")
    Path file;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    ConfigParseCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        DeclarativeFile.configWithPlugins(cli, conf.file); // plugin entities validate as on a node with that file
        DeclarativeReader.Result read = DeclarativeFile.read(file);
        List<String> problems = read.problems();
        DeclaredConfiguration configuration = read.configuration();
        if (configuration != null) {
            problems = checks.check(configuration);
        }
        if (!problems.isEmpty()) {
            DeclarativeFile.report(cli, file, problems);
            return Cli.FAILURE;
        }
        cli.out().println("parse successful: " + DeclarativeFile.count(configuration) + " entities");
        return 0;
    }
}

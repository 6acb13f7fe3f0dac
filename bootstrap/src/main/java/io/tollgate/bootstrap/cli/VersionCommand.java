package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate version [-a]}: prints {@code Tollgate <version>}, like Kong's {@code kong version}; with
 * {@code -a/--all}, one {@code name: version} line for Tollgate and one for the Java runtime it runs on (Kong's lists
 * its nginx and Lua).
 */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(
            names = {"-a", "--all"},
            description = "Also print the version of the Java runtime.")
    boolean all;

    VersionCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (all) {
            cli.out().println("Tollgate: " + cli.version());
            cli.out().println("Java: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        } else {
            cli.out().println("Tollgate " + cli.version());
        }
        return 0;
    }
}

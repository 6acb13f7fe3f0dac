package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate health [-p PREFIX]}: Kong's {@code kong health}. Exit 0 and {@code Tollgate is healthy at <prefix>
 * …} when the node under the prefix runs and its Admin API answers {@code /status}; exit 1 and one line saying
 * what is wrong (not running, still starting, not answering) otherwise.
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Say whether the node under the prefix runs and its Admin API answers.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:running and answering",
            "1:not running, starting, or not answering",
            "2:usage or configuration error"
        })
final class HealthCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(
            names = {"-p", "--prefix"},
            paramLabel = "PREFIX",
            description = "Prefix the node should run at (default: the configured prefix).")
    @Nullable
    Path prefix;

    HealthCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.out().println(new NodeControl(cli.runtimeFiles(prefix)).health());
        return 0;
    }
}

package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    PrefixOption prefix = new PrefixOption();

    HealthCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.out().println(new NodeControl(cli.runtimeFiles(prefix.prefix)).health());
        return 0;
    }
}

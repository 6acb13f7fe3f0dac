package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tollgate stop [-p PREFIX]}: Kong's {@code kong stop} (nginx's SIGTERM, a fast shutdown). Asks the node
 * running under the prefix to stop at once (requests in flight are cut) and waits until it has exited. Exit 0 when it
 * stopped, 1 when no node runs there or it could not be stopped.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stop the node running under the prefix at once (requests in flight are cut; see quit).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:not running, or could not be stopped", "2:usage or configuration error"})
final class StopCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    PrefixOption prefix = new PrefixOption();

    StopCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        NodeControl control = new NodeControl(cli.runtimeFiles(prefix.prefix));
        control.stop();
        cli.out().println("Tollgate stopped");
        return 0;
    }
}

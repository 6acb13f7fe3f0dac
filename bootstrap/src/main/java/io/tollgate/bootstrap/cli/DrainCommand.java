package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tollgate drain [-p PREFIX]}: Kong's {@code kong drain}. Asks the node running under the prefix, through its
 * status API ({@code status_listen}), to answer {@code GET /status/ready} with 503 {@code {"message":"draining"}}
 * from now on, so load balancers and orchestrators send it no new traffic; it goes on proxying until stopped (e.g.
 * {@code tollgate quit}). Prints {@code Tollgate's status successfully changed to 'draining'}, or Kong's
 * {@code No status listeners found in configuration.} (exit 0 as Kong's) when the node has no status listener.
 * Exit 1 when no node runs there or the status API refuses (Kong prints that too but exits 0).
 */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        description = "Make the node's status API answer GET /status/ready with 503 (draining).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:draining, or no status listener",
            "1:not running, starting, or the status API refused",
            "2:usage error"
        })
final class DrainCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    PrefixOption prefix = new PrefixOption();

    DrainCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.out().println(new NodeControl(cli.runtimeFiles(prefix.prefix)).withdraw(NodeControl.Withdrawal.DRAIN));
        return 0;
    }
}

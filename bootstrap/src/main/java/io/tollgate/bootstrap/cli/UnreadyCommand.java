package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tollgate unready [-p PREFIX]}: Kong's {@code kong unready}, the older form of {@link DrainCommand}: the node's
 * {@code GET /status/ready} answers 503 {@code {"message":"unready"}} from now on ({@code POST /status/unready}).
 * Output and exit codes as {@code drain}'s, with {@code 'unready'}.
 */
@Command(
        name = "unready",
        mixinStandardHelpOptions = true,
        description = "Make the node's status API answer GET /status/ready with 503 (unready).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:unready, or no status listener",
            "1:not running, starting, or the status API refused",
            "2:usage error"
        })
final class UnreadyCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    PrefixOption prefix = new PrefixOption();

    UnreadyCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.out().println(new NodeControl(cli.runtimeFiles(prefix.prefix)).withdraw(NodeControl.Withdrawal.UNREADY));
        return 0;
    }
}

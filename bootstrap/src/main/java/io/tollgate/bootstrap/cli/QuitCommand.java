package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate quit [-p PREFIX] [-t SECONDS] [-w SECONDS]}: Kong's {@code kong quit} (nginx's SIGQUIT, a graceful
 * shutdown). After {@code --wait} seconds, asks the node running under the prefix to stop accepting connections (a
 * new request on an open HTTP/1 one is still served, and its connection closed after it; a new HTTP/2 stream gets
 * 503) and let the requests in flight finish for up to {@code --timeout} seconds, then waits until it has exited; a
 * node still running well after that is stopped. Exit 0 when it quit, 1 when no node runs there or it could not be
 * stopped.
 */
@Command(
        name = "quit",
        mixinStandardHelpOptions = true,
        description = "Gracefully quit the node running under the prefix: requests in flight finish first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:quit", "1:not running, or could not be stopped", "2:usage or configuration error"})
final class QuitCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            defaultValue = "10",
            description =
                    "How long requests in flight may take before the node stops anyway (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(
            names = {"-w", "--wait"},
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "Wait this long before initiating the shutdown (default: ${DEFAULT-VALUE}).")
    double waitSeconds;

    QuitCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        NodeControl control = new NodeControl(cli.runtimeFiles(prefix.prefix));
        boolean graceful = control.quit(seconds("--wait", waitSeconds), seconds("--timeout", timeout));
        cli.out().println(graceful ? "Tollgate stopped (gracefully)" : "Tollgate stopped (forced after the timeout)");
        return 0;
    }

    private Duration seconds(String option, double value) {
        if (!(value >= 0) || value > 86_400) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be a number of seconds from 0 to 86400, got " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}

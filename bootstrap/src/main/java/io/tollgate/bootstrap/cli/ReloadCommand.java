package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.lifecycle.NodeControl;
import io.tollgate.bootstrap.lifecycle.ReloadReply;
import io.tollgate.bootstrap.lifecycle.RuntimeFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tollgate reload [-c FILE] [-p PREFIX]}: Kong's {@code kong reload}. The node running under the prefix re-reads
 * its configuration (the file given here, else the one it started with, and its own environment) and applies what can
 * change at run time: {@code log_level}, {@code log_format}, {@code proxy_error_log}, {@code trusted_ips},
 * {@code real_ip_header}, {@code real_ip_recursive}, {@code headers}, {@code headers_upstream},
 * {@code error_default_type}, {@code error_template_*}, {@code nginx_http_client_max_body_size} and
 * {@code proxy_refuse_path_traversal}. It
 * prints what it applied and which changed properties need a restart. Exit 0 when reloaded, 1 when no node runs there,
 * it did not answer, or the configuration is invalid (then nothing is applied).
 */
@Command(
        name = "reload",
        mixinStandardHelpOptions = true,
        description = "Make the running node re-read its configuration and apply what can change without a restart.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:reloaded (the output names properties that need a restart)",
            "1:not running, no answer, or an invalid configuration (nothing applied)",
            "2:usage error"
        })
final class ReloadCommand implements Callable<Integer> {
    /** How long the command waits for the node's answer. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    ReloadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        // the prefix: -p, else the one the given file (or the default files and environment) configures
        Path under = prefix.prefix != null
                ? prefix.prefix
                : cli.readConfig(conf.file, Map.of()).prefix();
        NodeControl control = new NodeControl(RuntimeFiles.of(under));
        ReloadReply reply = control.reload(Optional.ofNullable(conf.file), ANSWER_WAIT);
        if (!reply.ok()) {
            cli.err().println(reply.text());
            return 1;
        }
        cli.out().println(reply.text());
        return 0;
    }
}

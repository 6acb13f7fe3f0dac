package io.tollgate.bootstrap.cli;

import io.tollgate.application.port.in.ClusterStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tollgate cluster members [-c FILE] [-p PREFIX] [--json]}: Kong 0.x's {@code kong cluster members}, read from
 * the configured database's {@code nodes} table, so it works without a running node (with the embedded database, the
 * PostgreSQL of a node running on the prefix is used, else it is started as {@code migrations list} does). Prints a
 * table of the members ({@link ClusterMembersText}), or with {@code --json} one JSON document. Exit 0; 1 when the
 * database cannot be reached or is not migrated.
 */
@Command(
        name = "members",
        mixinStandardHelpOptions = true,
        description = "List the nodes sharing the database: state, last heartbeat, applied log position and lag.")
final class ClusterMembersCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Option(names = "--json", description = "Print one JSON document ({\"head\": N, \"data\": [node…]}).")
    boolean json;

    ClusterMembersCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Map<String, String> overrides = new HashMap<>(prefix.asOverride());
        ClusterStatus status = cli.node().clusterMembers(cli.loadConfig(conf.file, overrides));
        cli.out().print(json ? ClusterMembersText.json(status) : ClusterMembersText.table(status));
        cli.out().flush();
        return 0;
    }
}

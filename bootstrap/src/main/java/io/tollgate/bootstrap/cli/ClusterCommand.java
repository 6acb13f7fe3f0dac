package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate cluster <command>}: the cluster's members; without a command it is a usage error. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Cluster tools: members (the nodes sharing the database, their state and lag).")
final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing cluster command (members)");
    }
}

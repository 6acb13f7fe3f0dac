package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate admins <command>}: the Admin API's accounts; without a command it is a usage error. */
@Command(
        name = "admins",
        mixinStandardHelpOptions = true,
        description = "Admin API accounts for admin_auth = basic | token (add, remove, list), shared by the cluster.")
final class AdminsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing admins command (add, remove or list)");
    }
}

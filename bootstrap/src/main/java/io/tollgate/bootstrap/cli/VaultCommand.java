package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate vault <command>}: Kong's {@code kong vault}; without a command it is a usage error. */
@Command(
        name = "vault",
        mixinStandardHelpOptions = true,
        description = "Vault utilities: get <reference> prints the secret a {vault://…} reference resolves to.")
final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing vault command (get)");
    }
}

package io.tollgate.bootstrap.cli;

import io.tollgate.application.vault.Resolution;
import io.tollgate.domain.schema.VaultReference;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate vault get <reference> [-c FILE] [-p PREFIX]}: Kong's {@code kong vault get}. Resolves a reference,
 * {@code {vault://env/NAME}} or its short form {@code env/NAME} (the braces and scheme added), as a node resolves it
 * (the {@code env} vault reads this command's environment, with {@code vault_env_prefix}; another name is a
 * {@code vaults} entity's {@code prefix}, read from the configured database), and prints the secret and a newline on
 * standard output. Exit 0; exit 1 and {@code Error: <Kong's reason>} when it does not resolve (e.g. {@code vault not
 * found (none) [{vault://none/foo}]}, {@code unable to load value (none) from vault (env): not found
 * [{vault://env/none}]}) or the database is needed and cannot be reached; exit 2 and {@code Error: the 'get' command
 * needs a <reference> argument} without a reference.
 */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Print the value a vault reference resolves to.")
final class VaultGetCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Parameters(
            arity = "0..1",
            paramLabel = "<reference>",
            description = "{vault://<vault>/<resource>[/<key>][?<config>][#<version>]}, or <vault>/<resource>…")
    @Nullable
    String reference;

    VaultGetCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (reference == null) {
            throw new ParameterException(spec.commandLine(), "the 'get' command needs a <reference> argument");
        }
        String full = VaultReference.isReference(reference) ? reference : "{vault://" + reference + "}";
        Resolution resolution = cli.node().vaultSecret(cli.loadConfig(conf.file, prefix.asOverride()), full);
        return switch (resolution) {
            case Resolution.Resolved resolved -> {
                cli.out().println(resolved.value());
                cli.out().flush();
                yield 0;
            }
            case Resolution.Unresolved unresolved -> {
                cli.err().println("Error: " + unresolved.reason());
                yield Cli.FAILURE;
            }
        };
    }
}

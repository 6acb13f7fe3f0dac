package io.tollgate.bootstrap.cli;

import io.tollgate.domain.credential.AdminAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate admins add NAME (--password-stdin | --token) [-c FILE] [-p PREFIX]}: adds an admin account to the
 * configured database. {@code --password-stdin} reads the password from standard input (one trailing line break
 * dropped; never from the command line, where other users could read it) and stores it hashed as basic-auth
 * passwords are; {@code --token} makes a random token, stores its SHA-256 and prints the token alone on standard
 * output, the only time it is shown. Exit 0; 1 when the name is taken or the database cannot be reached or is not
 * migrated; 2 for an invalid name, an empty password or a missing option.
 */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Add an admin account, with a password read from standard input or a new token (printed once).")
final class AdminsAddCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "Account name: 1-64 letters, digits, '.', '_', '@', '-'.")
    String name = "";

    @ArgGroup(multiplicity = "1")
    Secret secret = new Secret();

    /** Exactly one kind of secret. */
    static final class Secret {
        @Option(
                names = "--password-stdin",
                required = true,
                description = "Read the password from standard input (for admin_auth = basic).")
        boolean passwordStdin;

        @Option(
                names = "--token",
                required = true,
                description = "Make a random token and print it once (for admin_auth = token).")
        boolean token;
    }

    AdminsAddCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        if (!AdminAccount.validName(name)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "invalid account name '" + name + "': 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        if (secret.passwordStdin) {
            String password = password(new String(cli.in().readAllBytes(), StandardCharsets.UTF_8));
            if (password.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "the password read from standard input is empty");
            }
            cli.node().adminAccounts(cli.loadConfig(conf.file, prefix.asOverride()), accounts -> {
                accounts.addPassword(name, password);
                return null;
            });
            cli.err().println("Admin account '" + name + "' added (password).");
        } else {
            String token = cli.node()
                    .adminAccounts(cli.loadConfig(conf.file, prefix.asOverride()), accounts -> accounts.addToken(name));
            cli.out().println(token);
            cli.err().println("Admin account '" + name + "' added; its token (above) is shown only this once.");
        }
        return 0;
    }

    /** The input without one trailing line break ({@code \n} or {@code \r\n}), as {@code echo} or a file give it. */
    static String password(String input) {
        if (input.endsWith("\r\n")) {
            return input.substring(0, input.length() - 2);
        }
        return input.endsWith("\n") ? input.substring(0, input.length() - 1) : input;
    }
}

package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate admins remove NAME [-c FILE] [-p PREFIX]}: removes an admin account from the configured database.
 * Nodes that verified it in the last few seconds still accept it until their memory of it expires (5 s). Exit 0; 1
 * when there is no such account or the database cannot be reached or is not migrated.
 */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove an admin account (every node refuses it within 5 seconds).")
final class AdminsRemoveCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Parameters(index = "0", paramLabel = "NAME", description = "The account's name.")
    String name = "";

    AdminsRemoveCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.node().adminAccounts(cli.loadConfig(conf.file, prefix.asOverride()), accounts -> {
            accounts.remove(name);
            return null;
        });
        cli.out().println("Admin account '" + name + "' removed.");
        return 0;
    }
}

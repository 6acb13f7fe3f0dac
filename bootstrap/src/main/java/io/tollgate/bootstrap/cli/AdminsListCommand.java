package io.tollgate.bootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.domain.credential.AdminAccount;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tollgate admins list [-c FILE] [-p PREFIX] [--json]}: the admin accounts in the configured database, by
 * name, never their secrets: a table ({@code NAME KIND CREATED}, creation in UTC), or with {@code --json}
 * {@code {"data": [{"name", "kind" ("password" or "token"), "created_at" (epoch seconds)}…]}}. Exit 0; 1 when the
 * database cannot be reached or is not migrated.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the admin accounts (never their secrets).")
final class AdminsListCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Option(names = "--json", description = "Print one JSON document ({\"data\": [account…]}).")
    boolean json;

    AdminsListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<AdminAccount> accounts =
                cli.node().adminAccounts(cli.loadConfig(conf.file, prefix.asOverride()), a -> a.list());
        cli.out().print(json ? json(accounts) : table(accounts));
        cli.out().flush();
        return 0;
    }

    static String json(List<AdminAccount> accounts) throws JsonProcessingException {
        List<Map<String, Object>> data = accounts.stream()
                .map(a -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", a.name());
                    row.put("kind", a.kind().stored());
                    row.put("created_at", a.createdAt().getEpochSecond());
                    return row;
                })
                .toList();
        return JSON.writeValueAsString(Map.of("data", data)) + "\n";
    }

    static String table(List<AdminAccount> accounts) {
        int width = Math.max(
                "NAME".length(),
                accounts.stream().mapToInt(a -> a.name().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-" + width + "s  %-8s  %s\n", "NAME", "KIND", "CREATED"));
        for (AdminAccount a : accounts) {
            out.append(String.format(
                    "%-" + width + "s  %-8s  %s\n",
                    a.name(),
                    a.kind().stored(),
                    a.createdAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        out.append(accounts.size()).append(" account(s)\n");
        return out.toString();
    }
}

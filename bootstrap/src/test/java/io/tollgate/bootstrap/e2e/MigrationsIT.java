package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate migrations bootstrap|up|finish|list|reset} from the built jar, on a fresh embedded database. */
class MigrationsIT {

    @TempDir
    Path dir;

    @Test
    void kongs_migrations_commands_on_a_fresh_then_an_up_to_date_then_a_reset_database() throws Exception {
        String conf = Files.writeString(dir.resolve("db.conf"), "prefix = " + dir.resolve("db") + "\n")
                .toString();

        CliProcess.Result fresh = CliProcess.run(dir, "migrations", "list", "-c", conf);
        assertThat(fresh.exitCode()).as(fresh.err()).isEqualTo(3);
        assertThat(fresh.out()).contains("Database needs bootstrapping; run 'tollgate migrations bootstrap'");

        CliProcess.Result upTooEarly = CliProcess.run(dir, "migrations", "up", "-c", conf);
        assertThat(upTooEarly.exitCode()).isEqualTo(1);
        assertThat(upTooEarly.err())
                .endsWith("Error: Database needs bootstrapping; run 'tollgate migrations bootstrap'"
                        + System.lineSeparator());

        CliProcess.Result bootstrap = CliProcess.run(dir, "migrations", "bootstrap", "-c", conf);
        assertThat(bootstrap.exitCode()).as(bootstrap.err()).isZero();
        assertThat(bootstrap.out())
                .contains("Bootstrapping database...")
                .containsPattern("\\d+ migration\\(s\\) processed")
                .contains("Database is up-to-date");

        CliProcess.Result again = CliProcess.run(dir, "migrations", "bootstrap", "-c", conf);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Database already bootstrapped");

        CliProcess.Result up = CliProcess.run(dir, "migrations", "up", "-c", conf);
        assertThat(up.exitCode()).isZero();
        assertThat(up.out()).contains("Database is already up-to-date");

        CliProcess.Result finish = CliProcess.run(dir, "migrations", "finish", "-c", conf);
        assertThat(finish.exitCode()).isZero();
        assertThat(finish.out()).contains("No pending migrations to finish");

        CliProcess.Result list = CliProcess.run(dir, "migrations", "list", "-c", conf);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .contains("Executed migrations:")
                .contains("  1 entities and event log (Success)")
                .contains("Database is up-to-date");

        CliProcess.Result refused = CliProcess.run(dir, "migrations", "reset", "-c", conf);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .isEqualTo("Error: not a tty: invoke 'reset' non-interactively with the --yes flag"
                        + System.lineSeparator());
        assertThat(CliProcess.run(dir, "migrations", "list", "-c", conf).exitCode())
                .as("a refused reset drops nothing")
                .isZero();

        CliProcess.Result reset = CliProcess.run(dir, "migrations", "reset", "--yes", "-c", conf);
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("Database successfully reset");
        assertThat(CliProcess.run(dir, "migrations", "list", "-c", conf).exitCode())
                .isEqualTo(3);
        assertThat(CliProcess.run(dir, "migrations", "bootstrap", "-c", conf).exitCode())
                .isZero();
    }
}

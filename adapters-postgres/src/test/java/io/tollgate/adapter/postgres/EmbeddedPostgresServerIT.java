package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL requires the password it generated on first start, from every local user, and keeps
 * PostgreSQL's durable settings.
 */
class EmbeddedPostgresServerIT {

    @TempDir
    Path dir;

    static Connection connect(int port, String database, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    @Test
    void a_generated_password_in_a_0600_file_is_required_and_survives_a_restart() throws Exception {
        Path data = dir.resolve("data");
        String password;
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0, "kong")) {
            Path file = data.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(file).isRegularFile();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            password = Files.readString(file).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            assertThat(server.settings().password()).isEqualTo(password);
            port = server.port();

            assertThatThrownBy(() -> connect(port, "kong", null).close())
                    .as("no password: refused")
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(port, "kong", "wrong").close())
                    .as("a wrong password: refused")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = connect(port, "kong", password);
                    ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("postgres");
            }
        }

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data, 0, "kong")) {
            assertThat(again.settings().password())
                    .as("the same password after a restart")
                    .isEqualTo(password);
            try (Connection c = connect(again.port(), "kong", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> connect(again.port(), "kong", null).close())
                    .isInstanceOf(SQLException.class);
            assertThat(Set.of(Files.readString(data.resolve("pg_hba.conf")).split("\\n")))
                    .noneMatch(line -> line.contains("trust"));
        }
    }

    @Test
    void commits_wait_until_the_wal_is_on_disk() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("data"), 0, "kong");
                Connection c = connect(server.port(), "kong", server.settings().password())) {
            // zonky's defaults (for tests) are fsync off, which can lose acknowledged commits and corrupt the data
            // directory when the machine crashes, and synchronous_commit off
            assertThat(setting(c, "fsync")).isEqualTo("on");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(c, "full_page_writes")).isEqualTo("on");
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}

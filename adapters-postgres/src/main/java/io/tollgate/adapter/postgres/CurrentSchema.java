package io.tollgate.adapter.postgres;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Whether a database's schema is exactly this version's: a read of Flyway's {@code flyway_schema_history} (in the
 * connections' current schema, i.e. {@code pg_schema} when set) compared with {@link MigrationScripts}, so that a node
 * starting on a current schema never loads Flyway (~390 classes kept in memory for nothing). Current means: every
 * script applied with success and the same checksum, and nothing else recorded but Flyway's schema-creation marker. A
 * missing table, a failed, pending, unknown (newer) or baselined migration, or a changed script is "not current": the
 * caller then runs Flyway, which migrates under its advisory lock or reports the difference. Only reads, so it is safe
 * while another node migrates (a partial history is "not current" and that node's lock is waited for).
 */
final class CurrentSchema {
    /** Flyway's history table, unqualified: found in the connections' current schema, where Flyway keeps it. */
    private static final String HISTORY =
            "SELECT version, checksum, type, success FROM flyway_schema_history WHERE type <> 'SCHEMA'";

    private static final String UNDEFINED_TABLE = "42P01";

    private CurrentSchema() {}

    /**
     * @param dataSource the database
     * @param classPath where this version's scripts are ({@link MigrationScripts})
     * @return whether the schema is current as described above; {@code false} when the scripts cannot be listed
     * @throws SQLException when the history cannot be read for another reason than its table missing
     */
    static boolean isCurrent(DataSource dataSource, ClassLoader classPath) throws SQLException {
        Map<String, Integer> scripts;
        try {
            scripts = MigrationScripts.on(classPath);
        } catch (UncheckedIOException e) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(HISTORY);
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String version = rs.getString(1);
                int checksum = rs.getInt(2);
                boolean noChecksum = rs.wasNull();
                if (version == null || noChecksum || !"SQL".equals(rs.getString(3)) || !rs.getBoolean(4)) {
                    return false;
                }
                if (applied.put(version, checksum) != null) {
                    return false;
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        return !scripts.isEmpty() && Objects.equals(applied, scripts);
    }
}
